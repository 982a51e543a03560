package io.bulwark.events.message;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * Delivery failed permanently for some recipients (5xx reply, or the queue lifetime ran out).
 *
 * @param nextHop    host:port that refused, or the destination
 * @param reply      the reason
 * @param dsnQueueId queue id of the delivery status notification sent to the sender, or
 *                   {@code null} when none was sent (null sender)
 */
@EventRevision("1")
public record MessageBouncedEvent(MessageRef message, String nextHop, String reply, String dsnQueueId,
        Instant at) implements MessageEvent {
}
