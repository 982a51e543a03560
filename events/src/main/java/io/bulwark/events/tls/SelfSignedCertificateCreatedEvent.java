package io.bulwark.events.tls;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/** A self-signed certificate was created; its key is stored encrypted under {@code keyId}. */
@EventRevision("1")
public record SelfSignedCertificateCreatedEvent(String certificateId, String keyId, CertificateDetails details,
        String actor, Instant at) {
}
