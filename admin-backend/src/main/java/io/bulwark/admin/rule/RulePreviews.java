package io.bulwark.admin.rule;

import io.bulwark.admin.history.ConfigurationHistory;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.scan.policy.ImpactPreview;
import io.bulwark.store.EventsSince;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Rule-change impact preview (issue 15, part 4): how the messages of the last N days would have
 * been handled under an edited rule, from the scan reports their {@link MessageScannedEvent}s
 * recorded, judged by the gateway's own pure decision ({@link ImpactPreview}) against the rule
 * list and global lists as they are now (replayed from the event store by
 * {@link ConfigurationHistory}, so no read model lag). Nothing is saved or recorded: a preview is a
 * read.
 *
 * <p>Reports come from the event store ({@link EventsSince}): the message tracking read model keeps
 * reasons, not verdicts, and a second copy of every report would double the largest events. The
 * cost and the numbers are in docs/history.md. At most {@link #MAX_MESSAGES} messages are judged,
 * the oldest first; {@code truncated} says so. Stateless and thread-safe.
 */
public class RulePreviews {
    /** Days previewed when the caller names none. */
    public static final int DEFAULT_DAYS = 7;
    /** Most days a preview reaches back. */
    public static final int MAX_DAYS = 90;
    /** Most messages judged in one preview (keeps one request from reading an unbounded history). */
    public static final int MAX_MESSAGES = 500_000;
    /** Changed messages returned as examples. */
    public static final int EXAMPLES = 20;

    private final EventStorageEngine engine;
    private final ConfigurationHistory configuration;
    private final Clock clock;

    public RulePreviews(EventStorageEngine engine, ConfigurationHistory configuration, Clock clock) {
        this.engine = engine;
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * The answer.
     *
     * @param ruleId          the edited rule
     * @param ruleName        its name as it is now
     * @param days            how far back
     * @param since           the first moment counted
     * @param messages        messages judged
     * @param changed         messages with at least one recipient whose outcome changes
     * @param withoutVerdicts messages where the edited rule switches on a module that did not run then
     * @param transitions     per recipient, "before -> after" with counts (outcomes: SKIP,
     *                        DELETE_ATTACHMENT, DELETE_MESSAGE, REJECT, DEFER)
     * @param examples        up to {@link #EXAMPLES} changed messages
     * @param truncated       whether {@link #MAX_MESSAGES} stopped the preview early
     * @param tookMillis      wall time of the preview, reading included
     */
    public record Preview(String ruleId, String ruleName, int days, Instant since, int messages, int changed,
            int withoutVerdicts, Map<String, Integer> transitions, List<ImpactPreview.Example> examples,
            boolean truncated, long tookMillis) {
    }

    /**
     * Previews replacing the rule named {@code nameOrId} by {@code edited}.
     *
     * @throws UnknownRuleException        no such rule
     * @throws InvalidRuleCommandException the edited definition would be refused on save
     */
    public Preview preview(String nameOrId, RuleDefinition edited, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidRuleCommandException("'days' must be 1 to " + MAX_DAYS);
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        ConfigurationHistory.ConfigurationAt current = configuration.at(now);
        List<RuleEntry> rules = current.rules();
        RuleEntry rule = rules.stream().filter(r -> r.name().equalsIgnoreCase(nameOrId.strip())).findFirst()
                .or(() -> rules.stream().filter(r -> r.ruleId().equals(nameOrId)).findFirst())
                .orElseThrow(() -> new UnknownRuleException("No rule named '" + nameOrId + "'"));
        RuleDefinition definition = edited;
        if (rule.kind() == RuleKind.DEFAULT && definition != null) {
            // as the rule set saves it: the Default rule matches everyone
            definition = definition.withCriteria(SenderCriteria.anyone(), RecipientCriteria.anyone());
        }
        RuleDefinitionValidator.validate(definition);
        ImpactPreview preview = new ImpactPreview(rules, rule.withDefinition(definition.complete()),
                current.globalLists(), EXAMPLES);
        Instant since = now.minus(Duration.ofDays(days));
        int[] seen = {0};
        EventsSince.forEach(engine, since, MessageScannedEvent.class, scanned -> {
            if (scanned.at() != null && scanned.at().isAfter(now)) {
                return true;
            }
            preview.add(scanned);
            return ++seen[0] < MAX_MESSAGES;
        });
        ImpactPreview.Result r = preview.result();
        return new Preview(rule.ruleId(), rule.name(), days, since, r.messages(), r.changed(), r.withoutVerdicts(),
                r.transitions(), r.examples(), seen[0] >= MAX_MESSAGES,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
