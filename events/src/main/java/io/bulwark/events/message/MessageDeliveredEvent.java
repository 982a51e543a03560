package io.bulwark.events.message;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The next hop accepted the message for some recipients.
 *
 * <p>Revision 2 added {@code tls}; revision 1 payloads read back with {@code tls == null}
 * (delivered before outbound TLS was recorded).
 *
 * @param nextHop host:port that accepted it
 * @param reply   the next hop's final reply to DATA (e.g. "250 2.0.0 Ok: queued as 4F1X")
 * @param tls     the transport security of the connection, or {@code null} when not recorded
 */
@EventRevision("2")
public record MessageDeliveredEvent(MessageRef message, String nextHop, String reply, Instant at, DeliveryTls tls)
        implements MessageEvent {

    /** A delivery without recorded TLS facts (the revision 1 shape). */
    public MessageDeliveredEvent(MessageRef message, String nextHop, String reply, Instant at) {
        this(message, nextHop, reply, at, null);
    }
}
