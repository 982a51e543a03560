package io.bulwark.events.tls;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The SMTP listener of every node presents this certificate from now on (each node installs it
 * without a restart).
 *
 * @param certificateId     the certificate
 * @param keyId             where its key material is stored
 * @param sha256Fingerprint the certificate's fingerprint, so a node can tell what it must present
 * @param previousId        the certificate active before, or null
 */
@EventRevision("1")
public record CertificateActivatedEvent(String certificateId, String keyId, String sha256Fingerprint,
        String previousId, String actor, Instant at) {
}
