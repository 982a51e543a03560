package io.bulwark.events.quarantine;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;
import java.util.List;

/**
 * A message's rating fell in its rule's uncertain band but the node's Anti-Spam Quarantine was full
 * (most messages or most bytes): it was not held and goes on as its rule decided at intake (as in
 * the reference, "new messages simply aren't held"). Never a loss of mail.
 *
 * @param message   the message
 * @param ruleIds   the rules whose band the rating fell in
 * @param ruleNames their names
 * @param rating    the rating at intake
 * @param reason    which limit was reached, e.g. "quarantine full: 10000 messages"
 * @param actor     {@link SpamQuarantineEvents#SYSTEM}
 * @param at        when it was decided
 */
@EventRevision("1")
public record SpamQuarantineNotHeldEvent(MessageRef message, List<String> ruleIds, List<String> ruleNames,
        double rating, String reason, String actor, Instant at) {

    public SpamQuarantineNotHeldEvent {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        ruleNames = ruleNames == null ? List.of() : List.copyOf(ruleNames);
    }

    /** The queue id. */
    public String queueId() {
        return message.queueId();
    }
}
