package io.bulwark.events.quarantine;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;
import java.util.List;

/**
 * A message's anti-spam rating fell in its rule's uncertain band and the node holds it in the
 * Anti-Spam Quarantine instead of delivering it: it is re-checked at {@code recheckAt}.
 *
 * @param message   the message, with the recipients that are held (every pending recipient)
 * @param ruleIds   the rules whose band the rating fell in
 * @param ruleNames their names (CEF {@code cs2})
 * @param rating    the anti-spam rating (0-100) at intake, the highest of those rules' groups
 * @param statuses  the anti-spam statuses at intake under the first of those rules
 * @param recheckAt when the node re-checks it
 * @param expiresAt when the maximum hold time ends
 * @param actor     {@link SpamQuarantineEvents#SYSTEM}
 * @param at        when it was held (the message's commit)
 */
@EventRevision("1")
public record SpamQuarantineHeldEvent(MessageRef message, List<String> ruleIds, List<String> ruleNames,
        double rating, List<String> statuses, Instant recheckAt, Instant expiresAt, String actor, Instant at) {

    public SpamQuarantineHeldEvent {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        ruleNames = ruleNames == null ? List.of() : List.copyOf(ruleNames);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    /** The queue id. */
    public String queueId() {
        return message.queueId();
    }
}
