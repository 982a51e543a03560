package io.bulwark.scan.policy;

import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.scan.policy.RecordedShape.ExampleRef;
import io.bulwark.scan.message.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Rule-change impact preview: how recorded messages would have been handled under an edited rule,
 * compared with how they would be handled under the rule list as it is, both judged by the same
 * pure functions the gateway runs ({@link RuleMatcher}, {@link GlobalListsMatcher},
 * {@link Decision}, {@link MultiGroupResolution}) over the verdicts recorded in each
 * {@link MessageScannedEvent}. Comparing two replays, rather than a replay with what happened at
 * the time, shows the effect of the edit alone: changes made to other rules or to the lists since
 * the message arrived do not count as "changed by this edit".
 *
 * <p>Per message: the envelope is rebuilt from the event ({@link MessageRef}: sender, client
 * address, recipients); each recipient is given the verdicts recorded for the group it was in
 * (per-group verdicts of revision 2 events, else the report's); the recipients are grouped by the
 * rule list (current, then edited); a group is judged with the verdicts of its first recipient;
 * the groups are resolved into the one SMTP answer. A recipient's <em>outcome</em> is
 * {@code DEFER} when the DATA would be deferred, {@code REJECT} when it would be refused, otherwise
 * the action carried out for its group. A message changes when any recipient's outcome changes.
 *
 * <p>Limits, said where a reader of the numbers needs them: verdicts are those judged under the
 * rule at the time, so an edited threshold (spam score, phishing score) is not re-judged; a module
 * that the edited rule switches on but that did not run for the message has no verdict and adds
 * nothing (such messages are counted in {@link Result#withoutVerdicts()}).
 *
 * <p>Two ways in, with the same counts: {@link #add(MessageScannedEvent)} judges one recorded
 * message; {@link #add(RecordedShape, Function)} judges a {@link RecordedShape} (messages the
 * decision cannot tell apart, from the preview read model) once and counts it as many times as it
 * occurred, with each distinct (rule, decision verdicts, list match) judged by {@link Decision} only
 * once per preview. Examples of shapes are the first changed messages by scan time; their reasons
 * come from their full recorded verdicts ({@link #exampleVerdicts()}, {@link #result(Function)}).
 *
 * <p>Pure, stateless apart from the matchers built in the constructor; not thread-safe while
 * {@link #add} is being called (one preview, one thread).
 */
public final class ImpactPreview {
    private final RuleMatcher current;
    private final RuleMatcher edited;
    private final GlobalListsMatcher lists;
    private final RuleEntry editedRule;
    private final int exampleLimit;
    private int messages;
    private int changed;
    private int withoutVerdicts;
    private final Map<String, Integer> transitions = new TreeMap<>();
    private final List<Example> examples = new ArrayList<>();
    /** Changed messages of shapes, the first {@link #exampleLimit} by scan time and queue id. */
    private final TreeMap<ExampleRef, Candidate> candidates = new TreeMap<>(Comparator
            .comparing(ExampleRef::at, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ExampleRef::queueId));
    /** Dispositions already judged in this preview, per rule (by identity) and decision input. */
    private final Map<RuleEntry, Map<Judged, Disposition>> judged = new IdentityHashMap<>();

    /**
     * A preview of replacing one rule of {@code rules} by {@code editedRule} (same rule id).
     *
     * @param rules        the rule list as it is, in matching order
     * @param editedRule   the rule with the edited definition
     * @param globalLists  the global lists as they are
     * @param exampleLimit how many changed messages to keep as examples
     */
    public ImpactPreview(List<RuleEntry> rules, RuleEntry editedRule, GlobalListsView globalLists, int exampleLimit) {
        Objects.requireNonNull(editedRule, "editedRule");
        boolean found = false;
        List<RuleEntry> after = new ArrayList<>();
        for (RuleEntry r : rules) {
            if (r.ruleId().equals(editedRule.ruleId())) {
                after.add(editedRule);
                found = true;
            } else {
                after.add(r);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no rule " + editedRule.ruleId() + " in the rule list");
        }
        this.current = new RuleMatcher(rules);
        this.edited = new RuleMatcher(after);
        this.lists = new GlobalListsMatcher(globalLists);
        this.editedRule = editedRule;
        this.exampleLimit = exampleLimit;
    }

    /**
     * The outcome of the preview.
     *
     * @param messages        recorded messages judged
     * @param changed         messages where at least one recipient's outcome changes
     * @param withoutVerdicts messages where the edited rule switches on a module with no recorded verdict
     * @param transitions     "before -> after" per recipient whose outcome changes, with counts
     * @param examples        up to the example limit changed messages, in the order they were added
     */
    public record Result(int messages, int changed, int withoutVerdicts, Map<String, Integer> transitions,
            List<Example> examples) {
        public Result {
            transitions = Map.copyOf(transitions);
            examples = List.copyOf(examples);
        }
    }

    /**
     * One changed message.
     *
     * @param queueId    the message
     * @param at         when it was scanned
     * @param sender     envelope sender
     * @param recipients recipients whose outcome changes, each with "before -> after"
     * @param reasons    the edited rule's reasons for the first changed recipient
     */
    public record Example(String queueId, Instant at, String sender, Map<String, String> recipients,
            List<String> reasons) {
        public Example {
            recipients = Map.copyOf(recipients);
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * What one recorded message comes to under one rule list.
     *
     * @param outcomes    per recipient: DEFER, REJECT or the action carried out
     * @param reasons     per recipient: the reasons of its group's disposition
     * @param rulesByRcpt per recipient: the rule id that applied
     */
    public record Replay(Map<String, String> outcomes, Map<String, List<String>> reasons,
            Map<String, String> rulesByRcpt) {
    }

    /** Judges one recorded message under both rule lists and counts it. */
    public void add(MessageScannedEvent scanned) {
        messages++;
        Replay before = replay(scanned, current, lists);
        Replay after = replay(scanned, edited, lists);
        Map<String, List<ModuleVerdict>> recorded = recordedVerdicts(scanned);
        if (lacksVerdicts(after, rcpt -> recorded.getOrDefault(rcpt, scanned.report().verdicts()))) {
            withoutVerdicts++;
        }
        Map<String, String> diff = diff(before, after, 1);
        if (diff.isEmpty()) {
            return;
        }
        changed++;
        if (examples.size() < exampleLimit) {
            String first = diff.keySet().iterator().next();
            examples.add(new Example(scanned.message().queueId(), scanned.at(), scanned.message().sender(), diff,
                    after.reasons().getOrDefault(first, List.of())));
        }
    }

    /** The counts so far. */
    public Result result() {
        return new Result(messages, changed, withoutVerdicts, transitions, examples);
    }

    /**
     * Judges every message of {@code shape} at once: the same counts as {@link #add(MessageScannedEvent)}
     * on each of them.
     *
     * @param signatures the decision verdicts for each signature id of the shape
     */
    public void add(RecordedShape shape, Function<String, List<ModuleVerdict>> signatures) {
        int count = Math.toIntExact(shape.count());
        messages += count;
        Map<String, String> sigByRcpt = new HashMap<>();
        for (int i = 0; i < shape.recipients().size(); i++) {
            sigByRcpt.putIfAbsent(shape.recipients().get(i), shape.signatures().get(i));
        }
        Envelope envelope = new Envelope(shape.sender(), shape.recipients(), shape.clientAddress(), null);
        ListMatch match = lists.match(envelope);
        Judge judge = (rule, firstRcpt) -> {
            String sig = sigByRcpt.get(firstRcpt);
            return judged.computeIfAbsent(rule, r -> new HashMap<>()).computeIfAbsent(new Judged(sig, match),
                    k -> Decision.decide(new ScanReport(signatures.apply(sig), Map.of(), 0), rule, match));
        };
        Replay before = replay(envelope, current, judge);
        Replay after = replay(envelope, edited, judge);
        if (lacksVerdicts(after, rcpt -> signatures.apply(sigByRcpt.get(rcpt)))) {
            withoutVerdicts += count;
        }
        Map<String, String> diff = diff(before, after, count);
        if (diff.isEmpty()) {
            return;
        }
        changed += count;
        for (RecordedShape.ExampleRef ref : shape.examples()) {
            candidates.put(ref, new Candidate(shape, diff));
            if (candidates.size() > exampleLimit) {
                candidates.pollLastEntry();
            }
        }
    }

    /** The full-verdict ids the examples of shapes need for their reasons ({@link #result(Function)}). */
    public Set<String> exampleVerdicts() {
        Set<String> ids = new LinkedHashSet<>();
        candidates.keySet().forEach(ref -> ids.addAll(ref.verdicts()));
        return ids;
    }

    /**
     * The counts so far, with the examples of shapes: the first changed messages by scan time, each
     * with the reasons the edited rule list gives for its first changed recipient, judged on its full
     * recorded verdicts.
     *
     * @param fullVerdicts the full recorded verdicts for each id of {@link #exampleVerdicts()}
     */
    public Result result(Function<String, List<ModuleVerdict>> fullVerdicts) {
        List<Example> out = new ArrayList<>(examples);
        for (Map.Entry<ExampleRef, Candidate> e : candidates.entrySet()) {
            if (out.size() >= exampleLimit) {
                break;
            }
            ExampleRef ref = e.getKey();
            RecordedShape shape = e.getValue().shape();
            Map<String, List<ModuleVerdict>> byRcpt = new HashMap<>();
            for (int i = 0; i < shape.recipients().size(); i++) {
                byRcpt.putIfAbsent(shape.recipients().get(i), fullVerdicts.apply(ref.verdicts().get(i)));
            }
            Envelope envelope = new Envelope(shape.sender(), shape.recipients(), shape.clientAddress(), null);
            ListMatch match = lists.match(envelope);
            Replay after = replay(envelope, edited, (rule, first) ->
                    Decision.decide(new ScanReport(byRcpt.get(first), Map.of(), 0), rule, match));
            String first = e.getValue().diff().keySet().iterator().next();
            out.add(new Example(ref.queueId(), ref.at(), shape.sender(), e.getValue().diff(),
                    after.reasons().getOrDefault(first, List.of())));
        }
        return new Result(messages, changed, withoutVerdicts, transitions, out);
    }

    private record Judged(String signature, ListMatch lists) {
    }

    private record Candidate(RecordedShape shape, Map<String, String> diff) {
    }

    /** The disposition of one recipient group, judged on the verdicts of its first recipient. */
    private interface Judge {
        Disposition decide(RuleEntry rule, String firstRecipient);
    }

    /**
     * Re-runs the decision for one recorded message under the rule list that {@code matcher} was
     * built from: the same steps as the gateway's DATA stage, minus scanning.
     */
    public static Replay replay(MessageScannedEvent scanned, RuleMatcher matcher, GlobalListsMatcher lists) {
        MessageRef ref = scanned.message();
        Envelope envelope = new Envelope(ref.sender(), ref.recipients(), ref.clientAddress(), null);
        ListMatch match = lists.match(envelope);
        Map<String, List<ModuleVerdict>> recorded = recordedVerdicts(scanned);
        return replay(envelope, matcher, (rule, first) -> Decision.decide(scanned.report()
                .withVerdicts(recorded.getOrDefault(first, scanned.report().verdicts())), rule, match));
    }

    /** Groups, judges each group by {@code judge} and resolves the SMTP answer: the gateway's DATA stage. */
    private static Replay replay(Envelope envelope, RuleMatcher matcher, Judge judge) {
        List<RecipientGroup> groups = matcher.group(envelope);
        List<Disposition> dispositions = new ArrayList<>();
        for (RecipientGroup g : groups) {
            dispositions.add(judge.decide(g.rule(), g.recipients().getFirst()));
        }
        MultiGroupResolution.Resolved resolved = MultiGroupResolution.resolve(groups, dispositions);
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, List<String>> reasons = new HashMap<>();
        Map<String, String> rules = new HashMap<>();
        for (GroupOutcome o : resolved.groups()) {
            String outcome = resolved.deferData() ? "DEFER"
                    : resolved.rejectData() ? Action.REJECT.name() : o.applied().name();
            for (String rcpt : o.group().recipients()) {
                outcomes.put(rcpt, outcome);
                reasons.put(rcpt, o.disposition().reasons());
                rules.put(rcpt, o.group().rule().ruleId());
            }
        }
        return new Replay(outcomes, reasons, rules);
    }

    /** Recipients whose outcome differs, with "before -> after"; counts each {@code times} in the transitions. */
    private Map<String, String> diff(Replay before, Replay after, int times) {
        Map<String, String> diff = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : before.outcomes().entrySet()) {
            String now = after.outcomes().get(e.getKey());
            if (!e.getValue().equals(now)) {
                String t = e.getValue() + " -> " + now;
                diff.put(e.getKey(), t);
                transitions.merge(t, times, Integer::sum);
            }
        }
        return diff;
    }

    /** Per recipient, the verdicts judged under the rule of the group it was in when it arrived. */
    static Map<String, List<ModuleVerdict>> recordedVerdicts(MessageScannedEvent scanned) {
        Map<String, List<ModuleVerdict>> out = new HashMap<>();
        for (RecipientGroupDecision d : scanned.decisions()) {
            if (!d.verdicts().isEmpty()) {
                for (String rcpt : d.recipients()) {
                    out.putIfAbsent(rcpt, d.verdicts());
                }
            }
        }
        return out;
    }

    private boolean lacksVerdicts(Replay after, Function<String, List<ModuleVerdict>> verdictsOf) {
        RuleDefinition def = editedRule.definition();
        if (def.mode() != io.bulwark.events.rule.RuleMode.SCAN || !after.rulesByRcpt().containsValue(editedRule.ruleId())) {
            return false;
        }
        for (Map.Entry<String, String> e : after.rulesByRcpt().entrySet()) {
            if (!e.getValue().equals(editedRule.ruleId())) {
                continue;
            }
            List<ModuleVerdict> verdicts = verdictsOf.apply(e.getKey());
            for (ProtectionModule m : ProtectionModule.values()) {
                if (def.moduleEnabled(m) && verdicts.stream().noneMatch(v -> v.module() == m)) {
                    return true;
                }
            }
        }
        return false;
    }
}
