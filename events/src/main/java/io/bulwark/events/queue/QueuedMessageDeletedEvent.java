package io.bulwark.events.queue;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;

/**
 * An administrator deleted a queued message
 *
 * @param message    it left the node's spool without being delivered to, or bounced for, the listed recipients, and no DSN was sent. A terminal state of those recipients.:the message, restricted to the recipients that were still pending; its node is the node that acted
 * @param requestId the administrator's request ({@link QueueActionRequestedEvent#requestId()})
 * @param actor     the administrator
 * @param at        when the node acted
 */
@EventRevision("1")
public record QueuedMessageDeletedEvent(MessageRef message, String requestId, String actor, Instant at) {

    /** The aggregate-like identity of the message: its queue id. */
    public String queueId() {
        return message.queueId();
    }
}
