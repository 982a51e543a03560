package io.bulwark.events.message;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A delivery attempt for some recipients failed temporarily (4xx reply, no connection, or a TLS
 * policy that the next hop could not satisfy).
 *
 * <p>Revision 2 added {@code tls}; revision 1 payloads read back with {@code tls == null}.
 *
 * @param nextHop       host:port tried, or the destination when no host could be found
 * @param reply         the next hop's reply, or a description of the connection failure
 * @param attempt       1 for the first attempt
 * @param nextAttemptAt when the gateway tries again
 * @param tls           the transport security of the last connection, or {@code null} when no
 *                      SMTP session was established or it was not recorded
 */
@EventRevision("2")
public record DeliveryDeferredEvent(
        MessageRef message,
        String nextHop,
        String reply,
        int attempt,
        Instant nextAttemptAt,
        Instant at,
        DeliveryTls tls) implements MessageEvent {

    /** A deferral without recorded TLS facts (the revision 1 shape). */
    public DeliveryDeferredEvent(MessageRef message, String nextHop, String reply, int attempt, Instant nextAttemptAt,
            Instant at) {
        this(message, nextHop, reply, attempt, nextAttemptAt, at, null);
    }
}
