package io.bulwark.events.message;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The next hop accepted the message for some recipients.
 *
 * @param nextHop host:port that accepted it
 * @param reply   the next hop's final reply to DATA (e.g. "250 2.0.0 Ok: queued as 4F1X")
 */
@EventRevision("1")
public record MessageDeliveredEvent(MessageRef message, String nextHop, String reply, Instant at)
        implements MessageEvent {
}
