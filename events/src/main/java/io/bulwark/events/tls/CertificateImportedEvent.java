package io.bulwark.events.tls;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A CA-signed certificate was imported, with its own key or for a pending request
 * ({@code forRequest}).
 */
@EventRevision("1")
public record CertificateImportedEvent(String certificateId, String keyId, CertificateDetails details,
        boolean forRequest, String actor, Instant at) {
}
