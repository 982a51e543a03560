package io.bulwark.events.queue;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;

/**
 * An administrator forced a delivery attempt
 *
 * @param message    the node started one at once, ahead of its back-off schedule.:the message, with the recipients still pending; its node is the node that acted
 * @param requestId the administrator's request ({@link QueueActionRequestedEvent#requestId()})
 * @param actor     the administrator
 * @param at        when the node acted
 */
@EventRevision("1")
public record DeliveryForcedEvent(MessageRef message, String requestId, String actor, Instant at) {

    /** The aggregate-like identity of the message: its queue id. */
    public String queueId() {
        return message.queueId();
    }
}
