package io.bulwark.events.tls;

import java.time.Instant;
import java.util.List;

/**
 * The public facts of a certificate (the leaf of its chain), as events and views show them.
 *
 * @param subject           subject distinguished name (RFC 2253)
 * @param issuer            issuer distinguished name
 * @param subjectAltNames   DNS names (and IP addresses) of the subjectAltName extension
 * @param serialNumber      serial number, hex
 * @param notBefore         start of validity
 * @param notAfter          end of validity
 * @param sha256Fingerprint SHA-256 of the DER certificate, hex, colon-separated
 * @param keyAlgorithm      e.g. {@code RSA 2048} or {@code EC P-256}
 * @param chainLength       certificates in the chain, the leaf included
 */
public record CertificateDetails(String subject, String issuer, List<String> subjectAltNames, String serialNumber,
        Instant notBefore, Instant notAfter, String sha256Fingerprint, String keyAlgorithm, int chainLength) {

    public CertificateDetails {
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
    }

    /** Whether the certificate signed itself. */
    public boolean selfSigned() {
        return subject.equals(issuer);
    }
}
