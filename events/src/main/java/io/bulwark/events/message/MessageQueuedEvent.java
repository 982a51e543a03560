package io.bulwark.events.message;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The message entered a queue of the node that holds it.
 *
 * @param queue one of {@link QueueName}'s names
 */
@EventRevision("1")
public record MessageQueuedEvent(MessageRef message, String queue, Instant at) implements MessageEvent {
}
