package io.bulwark.events.tls;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/** A key and a certificate signing request were created; the certificate is pending until imported. */
@EventRevision("1")
public record CertificateSigningRequestCreatedEvent(String certificateId, String keyId, String subject,
        List<String> subjectAltNames, TlsKeyType keyType, String actor, Instant at) {

    public CertificateSigningRequestCreatedEvent {
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
    }
}
