package io.bulwark.events.quarantine;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;
import java.util.List;

/**
 * The maximum hold time of a message ended before a re-check could judge it (every re-check failed
 * temporarily): it leaves the quarantine and is delivered as its rule decided at intake (the
 * reference: "after which it is delivered").
 *
 * @param message   the message, with its pending recipients
 * @param ruleIds   the rules that held it
 * @param ruleNames their names
 * @param heldAt    when it was held
 * @param reason    the last re-check's failure
 * @param actor     {@link SpamQuarantineEvents#SYSTEM}
 * @param at        when it left the quarantine
 */
@EventRevision("1")
public record SpamQuarantineExpiredEvent(MessageRef message, List<String> ruleIds, List<String> ruleNames,
        Instant heldAt, String reason, String actor, Instant at) {

    public SpamQuarantineExpiredEvent {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        ruleNames = ruleNames == null ? List.of() : List.copyOf(ruleNames);
    }

    /** The queue id. */
    public String queueId() {
        return message.queueId();
    }
}
