package io.bulwark.events.queue;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;

/**
 * An administrator's hold took effect
 *
 * @param message    the node will not attempt the message until it is released.:the message, with the recipients still pending; its node is the node that acted
 * @param requestId the administrator's request ({@link QueueActionRequestedEvent#requestId()})
 * @param actor     the administrator
 * @param at        when the node acted
 */
@EventRevision("1")
public record MessageHeldEvent(MessageRef message, String requestId, String actor, Instant at) {

    /** The aggregate-like identity of the message: its queue id. */
    public String queueId() {
        return message.queueId();
    }
}
