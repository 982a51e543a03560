package io.bulwark.events.message;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The message entered a queue of the node that holds it: {@code ACTIVE} when a delivery attempt
 * starts. Entering {@code INCOMING} is the receipt itself, recorded by {@link MessageReceivedEvent};
 * histories written before ADR 0033 also have a {@code MessageQueued(INCOMING)} at the same instant.
 *
 * @param queue one of {@link QueueName}'s names
 */
@EventRevision("1")
public record MessageQueuedEvent(MessageRef message, String queue, Instant at) implements MessageEvent {
}
