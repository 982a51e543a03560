package io.bulwark.events.quarantine;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;
import java.util.List;

/**
 * An administrator deleted a held message (the queue view's Delete): it left the quarantine and the
 * spool without delivery or DSN. The queue's own {@code QueuedMessageDeletedEvent} records the
 * recipients' terminal state; this event records the quarantine's side.
 *
 * @param message   the message, with the recipients that were pending
 * @param ruleIds   the rules that held it
 * @param ruleNames their names
 * @param requestId the administrator's queue request
 * @param actor     the administrator
 * @param at        when the node deleted it
 */
@EventRevision("1")
public record SpamQuarantineDeletedEvent(MessageRef message, List<String> ruleIds, List<String> ruleNames,
        String requestId, String actor, Instant at) {

    public SpamQuarantineDeletedEvent {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        ruleNames = ruleNames == null ? List.of() : List.copyOf(ruleNames);
    }

    /** The queue id. */
    public String queueId() {
        return message.queueId();
    }
}
