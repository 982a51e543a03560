package io.bulwark.events.tls;

/** Every certificate and pending request, soonest expiry first; answered with {@link CertificateView}s. */
public record FindCertificatesQuery() {
}
