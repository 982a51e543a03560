package io.bulwark.events.message;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A delivery attempt for some recipients failed temporarily (4xx reply or no connection).
 *
 * @param nextHop       host:port tried, or the destination when no host could be found
 * @param reply         the next hop's reply, or a description of the connection failure
 * @param attempt       1 for the first attempt
 * @param nextAttemptAt when the gateway tries again
 */
@EventRevision("1")
public record DeliveryDeferredEvent(
        MessageRef message,
        String nextHop,
        String reply,
        int attempt,
        Instant nextAttemptAt,
        Instant at) implements MessageEvent {
}
