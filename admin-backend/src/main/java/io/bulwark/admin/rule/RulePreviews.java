package io.bulwark.admin.rule;

import io.bulwark.admin.history.ConfigurationHistory;
import io.bulwark.admin.rule.preview.FoldedPreview;
import io.bulwark.admin.rule.preview.PreviewColumns;
import io.bulwark.admin.rule.preview.PreviewInputsProjection;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.scan.policy.RecordedShape;
import io.bulwark.scan.policy.ImpactPreview;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rule-change impact preview (issue 15, part 4): how the messages of the last N days would have
 * been handled under an edited rule, from the scan reports their {@link MessageScannedEvent}s
 * recorded, judged by the gateway's own pure decision ({@link ImpactPreview}) against the rule
 * list and global lists as they are now (replayed from the event store by
 * {@link ConfigurationHistory}, so no read model lag). Nothing is saved or recorded: a preview is a
 * read.
 *
 * <p>Reports come from the preview read model ({@link PreviewInputsProjection}, ADR 0030): recorded
 * messages folded into {@link RecordedShape}s per hour, each judged once and counted as often as
 * it occurred, which gives the same dispositions, counts and examples as judging every
 * {@link MessageScannedEvent} (ADR 0025 read them from the event store: about 50 s over 100k
 * messages). The window starts at the beginning of the hour that {@code now - days} falls in
 * ({@code since} says which moment). The cost and the numbers are in docs/history.md.
 *
 * <p>Since ADR 0038 the recorded messages are held in this node's memory ({@link PreviewColumns},
 * refreshed by what changed) and judged by {@link FoldedPreview}: the folded window and the rules
 * per recipient are kept per {@code days} and brought up to date from the previous preview, and an
 * edit is judged per decision class. The console's live preview ({@link #previewWhileEditing})
 * does not even look for new messages within {@link #WINDOW_REUSE} of the last look, so an
 * administrator's edits are judged against the same recorded messages ({@code windowReadAt} says
 * as of when); the REST API always looks. Thread-safe (a concurrent map of immutable states).
 */
public class RulePreviews {
    /** Days previewed when the caller names none. */
    public static final int DEFAULT_DAYS = 7;
    /** Most days a preview reaches back. */
    public static final int MAX_DAYS = 90;
    /** Changed messages returned as examples. */
    public static final int EXAMPLES = 20;
    /** How long the console's live preview reuses a window it read. */
    public static final Duration WINDOW_REUSE = Duration.ofSeconds(30);

    private final PreviewInputsProjection inputs;
    private final ConfigurationHistory configuration;
    private final Clock clock;
    private final PreviewColumns columns;
    private final Map<Integer, Prepared> prepared = new ConcurrentHashMap<>();

    public RulePreviews(PreviewInputsProjection inputs, ConfigurationHistory configuration, Clock clock) {
        this.inputs = inputs;
        this.columns = inputs.columns(clock);
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * The answer.
     *
     * @param ruleId          the edited rule
     * @param ruleName        its name as it is now
     * @param days            how far back
     * @param since           the first moment counted (the start of an hour)
     * @param messages        messages judged
     * @param changed         messages with at least one recipient whose outcome changes
     * @param withoutVerdicts messages where the edited rule switches on a module that did not run then
     * @param transitions     per recipient, "before -> after" with counts (outcomes: SKIP,
     *                        DELETE_ATTACHMENT, DELETE_MESSAGE, REJECT, DEFER)
     * @param examples        up to {@link #EXAMPLES} changed messages
     * @param truncated       always false since the read model (kept for clients of the first
     *                        version, which stopped at 500,000 messages)
     * @param tookMillis      wall time of the preview, reading included
     * @param shapes          distinct shapes judged (each once), ADR 0030
     * @param readMillis      of {@code tookMillis}, the time spent reading the read model (0 when a
     *                        window read earlier was reused)
     * @param windowReadAt    when the recorded messages were read from the read model
     */
    public record Preview(String ruleId, String ruleName, int days, Instant since, int messages, int changed,
            int withoutVerdicts, Map<String, Integer> transitions, List<ImpactPreview.Example> examples,
            boolean truncated, long tookMillis, int shapes, long readMillis, Instant windowReadAt) {
    }

    /**
     * Previews replacing the rule named {@code nameOrId} by {@code edited}.
     *
     * @throws UnknownRuleException        no such rule
     * @throws InvalidRuleCommandException the edited definition would be refused on save
     */
    public Preview preview(String nameOrId, RuleDefinition edited, int days) {
        return preview(nameOrId, edited, days, false);
    }

    /**
     * As {@link #preview(String, RuleDefinition, int)}, over a window of recorded messages read at
     * most {@link #WINDOW_REUSE} ago (the console's preview as the administrator edits).
     */
    public Preview previewWhileEditing(String nameOrId, RuleDefinition edited, int days) {
        return preview(nameOrId, edited, days, true);
    }

    private Preview preview(String nameOrId, RuleDefinition edited, int days, boolean reuse) {
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
        RuleEntry editedRule = rule.withDefinition(definition.complete());
        Prepared prepared = prepare(days, now, current, reuse);
        long read = prepared.readNanos();
        FoldedPreview.Base base = prepared.base();
        ImpactPreview.Result r = FoldedPreview.preview(base, editedRule, EXAMPLES, inputs::verdicts);
        return new Preview(rule.ruleId(), rule.name(), days, prepared.window().since(), r.messages(), r.changed(),
                r.withoutVerdicts(), r.transitions(), r.examples(), false,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), prepared.window().shapes(),
                Duration.ofNanos(read).toMillis(), prepared.readAt());
    }

    /**
     * Reads the recorded messages into this node's memory and folds the default window under the
     * current rule list, so that the first preview an administrator asks for does not pay the full
     * read (seconds per 100k messages). Run once in the background after start-up
     * ({@code bulwark.history.preview-warm-up}).
     */
    public void warmUp() {
        Instant now = clock.instant();
        Prepared warm = prepare(DEFAULT_DAYS, now, configuration.at(now), false);
        // not a read the live preview may reuse: the next preview looks for new messages (cheaply)
        prepared.put(DEFAULT_DAYS, new Prepared(warm.window(), warm.base(), Instant.MIN, 0));
    }

    /** The window of {@code days} brought up to date (or reused, for the live preview) and its rules per recipient. */
    private Prepared prepare(int days, Instant now, ConfigurationHistory.ConfigurationAt current, boolean reuse) {
        long reading = System.nanoTime();
        long fromHour = Math.floorDiv(now.minus(Duration.ofDays(days)).getEpochSecond(), 3600);
        long toHour = Math.floorDiv(now.getEpochSecond(), 3600);
        Prepared previous = prepared.get(days);
        Prepared ready = previous;
        if (!reuse || previous == null || previous.readAt().plus(WINDOW_REUSE).isBefore(now)) {
            PreviewColumns.Snapshot snapshot = columns.snapshot();
            FoldedPreview.Window window = previous == null ? new FoldedPreview.Window(snapshot, fromHour, toHour)
                    : previous.window().update(snapshot, fromHour, toHour);
            ready = new Prepared(window, previous == null ? null : previous.base(), now, 0);
        }
        long read = System.nanoTime() - reading;
        FoldedPreview.Base base = ready.base();
        if (base == null || !base.covers(ready.window(), current.rules(), current.globalLists())) {
            base = new FoldedPreview.Base(ready.window(), current.rules(), current.globalLists(), inputs::verdicts,
                    base);
        }
        Prepared done = new Prepared(ready.window(), base, ready.readAt(), read);
        prepared.put(days, done);
        return done;
    }

    /** A window folded from the in-memory columns, and what it comes to under the current rule list. */
    private record Prepared(FoldedPreview.Window window, FoldedPreview.Base base, Instant readAt, long readNanos) {
    }
}
