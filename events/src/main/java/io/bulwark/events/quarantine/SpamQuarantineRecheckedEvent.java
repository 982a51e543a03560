package io.bulwark.events.quarantine;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.ModuleVerdict;
import java.time.Instant;
import java.util.List;

/**
 * The node re-ran the checks on a held message with the data it has now (block lists, Bayes
 * statistics, rules) and judged it again under the same rules.
 *
 * @param message        the message, with the recipients that were held
 * @param ruleIds        the rules that held it
 * @param ruleNames      their names
 * @param previousRating the rating at intake
 * @param verdict        the new anti-spam verdict (status, statuses, 0-100 score, symbols, reasons)
 *                       under the first rule that held it; null when the re-check failed
 * @param outcome        released (judged) or retry (failed, still held)
 * @param deliveredTo    recipients whose rule now delivers the message (possibly tagged)
 * @param deletedFor     recipients whose rule now deletes (or rejects) it: not delivered, no DSN
 * @param reasons        per-group decision reasons, or why the re-check failed
 * @param nextRecheckAt  for {@code RETRY}: when it is tried again (null when it expires instead)
 * @param attempt        1 for the first re-check, then 2, ...
 * @param actor          {@link SpamQuarantineEvents#SYSTEM}
 * @param at             when the re-check finished
 */
@EventRevision("1")
public record SpamQuarantineRecheckedEvent(MessageRef message, List<String> ruleIds, List<String> ruleNames,
        double previousRating, ModuleVerdict verdict, RecheckOutcome outcome, List<String> deliveredTo,
        List<String> deletedFor, List<String> reasons, Instant nextRecheckAt, int attempt, String actor,
        Instant at) {

    public SpamQuarantineRecheckedEvent {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        ruleNames = ruleNames == null ? List.of() : List.copyOf(ruleNames);
        deliveredTo = deliveredTo == null ? List.of() : List.copyOf(deliveredTo);
        deletedFor = deletedFor == null ? List.of() : List.copyOf(deletedFor);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The queue id. */
    public String queueId() {
        return message.queueId();
    }
}
