package io.bulwark.events.tls;

import java.time.Instant;

/**
 * A certificate as the console and the API list it.
 *
 * @param certificateId the id
 * @param status        {@code PENDING} (request created, no certificate yet), {@code READY} or
 *                      {@code ACTIVE}
 * @param origin        {@code SELF_SIGNED}, {@code IMPORTED} or {@code CSR}
 * @param details       the certificate's facts, or null while pending
 * @param requestedSubject the subject asked for in a request, or null
 * @param createdAt     when it was created or requested
 * @param createdBy     who did
 * @param activatedAt   when it was last activated, or null
 * @param daysLeft      whole days until it expires (negative: expired), or null while pending
 */
public record CertificateView(String certificateId, String status, String origin, CertificateDetails details,
        String requestedSubject, Instant createdAt, String createdBy, Instant activatedAt, Long daysLeft) {
}
