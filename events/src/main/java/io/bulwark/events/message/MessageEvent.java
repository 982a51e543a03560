package io.bulwark.events.message;

import java.time.Instant;

/** Common shape of message lifecycle events: the message they concern and when it happened. */
public sealed interface MessageEvent permits MessageReceivedEvent, MessageQueuedEvent,
        DeliveryDeferredEvent, MessageDeliveredEvent, MessageBouncedEvent, MessageRejectedEvent {
    MessageRef message();

    Instant at();

    /** The aggregate (stream) identifier of this event: the queue id. */
    default String queueId() {
        return message().queueId();
    }
}
