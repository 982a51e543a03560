package io.bulwark.events.tls;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/** A certificate or pending request was deleted; its stored key is removed. */
@EventRevision("1")
public record CertificateDeletedEvent(String certificateId, String keyId, String actor, Instant at) {
}
