package io.bulwark.events.quarantine;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;
import java.util.List;

/**
 * An administrator released a held message from the Anti-Spam Quarantine (the queue view's
 * Release): it is delivered at once as its rule decided at intake, without a re-check.
 *
 * @param message   the message, with its pending recipients
 * @param ruleIds   the rules that held it
 * @param ruleNames their names
 * @param requestId the administrator's queue request ({@code QueueActionRequestedEvent})
 * @param actor     the administrator (CEF {@code cs3})
 * @param at        when the node released it
 */
@EventRevision("1")
public record SpamQuarantineReleasedEvent(MessageRef message, List<String> ruleIds, List<String> ruleNames,
        String requestId, String actor, Instant at) {

    public SpamQuarantineReleasedEvent {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        ruleNames = ruleNames == null ? List.of() : List.copyOf(ruleNames);
    }

    /** The queue id. */
    public String queueId() {
        return message.queueId();
    }
}
