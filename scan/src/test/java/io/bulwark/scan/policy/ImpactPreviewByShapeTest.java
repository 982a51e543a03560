package io.bulwark.scan.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The preview over {@link RecordedShape}s (what the read model keeps) gives exactly the answer of
 * the preview message by message: counts, transitions, and the same examples with the same
 * reasons, for edits that change actions, matching, modes and DMARC handling, over messages with
 * several recipient groups, per-group verdicts, temporary failures, attachments and allow-listed
 * senders.
 */
class ImpactPreviewByShapeTest {
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final List<RuleEntry> PRESETS = RulePresets.initialRules();
    static final RuleEntry DEFAULT = PRESETS.stream().filter(r -> r.kind() == RuleKind.DEFAULT).findFirst().orElseThrow();
    static final RuleEntry SALES = new RuleEntry("sales", RuleKind.CUSTOM, RuleDefinition.withDefaults("Sales",
            SenderCriteria.anyone(), new RecipientCriteria(List.of("*@sales.example"))).complete());
    static final List<RuleEntry> RULES = Stream.concat(Stream.of(SALES), PRESETS.stream()).toList();
    static final GlobalListsView LISTS = new GlobalListsView(
            List.of(new GlobalListEntry(GlobalListEntryType.ADDRESS, "friend@partner.example")),
            List.of(new GlobalListEntry(GlobalListEntryType.IP_NETWORK, "203.0.113.0/24")), Action.REJECT);

    static Stream<RuleEntry> edits() {
        RuleDefinition d = DEFAULT.definition();
        RuleDefinition s = SALES.definition();
        return Stream.of(
                DEFAULT.withDefinition(d.withModule(ProtectionModule.ANTI_SPAM, d.module(ProtectionModule.ANTI_SPAM)
                        .with(ScanStatus.SPAM, new StatusAction(Action.REJECT, false, ""))
                        .with(ScanStatus.PROBABLE_SPAM, new StatusAction(Action.DELETE_MESSAGE, false, "")))),
                DEFAULT.withDefinition(d.withModule(ProtectionModule.ANTI_VIRUS, d.module(ProtectionModule.ANTI_VIRUS)
                        .with(ScanStatus.INFECTED, new StatusAction(Action.DELETE_ATTACHMENT, false, "")))),
                DEFAULT.withDefinition(d.withModule(ProtectionModule.SENDER_AUTHENTICATION,
                        d.module(ProtectionModule.SENDER_AUTHENTICATION).withOption(ModuleOption.DMARC_ACTION, "rule")
                                .with(ScanStatus.DMARC_FAIL, new StatusAction(Action.REJECT, false, "")))),
                DEFAULT.withDefinition(d.withModule(ProtectionModule.CONTENT_FILTERING,
                        d.module(ProtectionModule.CONTENT_FILTERING).withEnabled(true))),
                SALES.withDefinition(s.withMode(RuleMode.REJECT_WITHOUT_SCANNING)),
                SALES.withDefinition(s.withCriteria(SenderCriteria.anyone(),
                        new RecipientCriteria(List.of("*@sales.example", "boss@corp.example")))
                        .withModule(ProtectionModule.ANTI_SPAM, s.module(ProtectionModule.ANTI_SPAM)
                                .with(ScanStatus.SPAM, new StatusAction(Action.REJECT, false, "")))),
                SALES.withDefinition(s.withEnabled(false)));
    }

    @ParameterizedTest
    @MethodSource("edits")
    void shapesGiveTheSameAnswerAsJudgingEveryMessage(RuleEntry edited) {
        List<MessageScannedEvent> recorded = recorded(3000, new SplittableRandom(30));
        ImpactPreview perMessage = new ImpactPreview(RULES, edited, LISTS, 20);
        recorded.forEach(perMessage::add);

        Map<String, List<ModuleVerdict>> verdicts = new HashMap<>();
        ImpactPreview byShape = new ImpactPreview(RULES, edited, LISTS, 20);
        List<RecordedShape> shapes = fold(recorded, verdicts, 20);
        assertThat(shapes.size()).isLessThan(recorded.size() / 2);
        shapes.forEach(shape -> byShape.add(shape, verdicts::get));
        assertThat(byShape.exampleVerdicts()).allMatch(verdicts::containsKey);

        ImpactPreview.Result expected = perMessage.result();
        assertThat(expected.messages()).isEqualTo(3000);
        assertThat(byShape.result(verdicts::get)).isEqualTo(expected);
    }

    /** What the read model does, in memory: one shape per distinct envelope and decision verdicts. */
    static List<RecordedShape> fold(List<MessageScannedEvent> recorded, Map<String, List<ModuleVerdict>> verdicts,
            int examplesPerShape) {
        Map<List<Object>, RecordedShape> shapes = new LinkedHashMap<>();
        for (MessageScannedEvent e : recorded) {
            List<String> sigs = new ArrayList<>();
            List<String> full = new ArrayList<>();
            for (List<ModuleVerdict> v : RecordedShape.recordedVerdicts(e)) {
                List<ModuleVerdict> decision = RecordedShape.decisionVerdicts(v);
                String id = "d" + decision.hashCode();
                verdicts.put(id, decision);
                sigs.add(id);
                verdicts.put("f" + v.hashCode(), v);
                full.add("f" + v.hashCode());
            }
            MessageRef m = e.message();
            List<Object> key = List.of(m.sender(), m.clientAddress(), m.recipients(), sigs);
            RecordedShape.ExampleRef ref = new RecordedShape.ExampleRef(m.queueId(), e.at(), full);
            shapes.merge(key, new RecordedShape(m.sender(), m.clientAddress(), m.recipients(), sigs, 1, List.of(ref)),
                    (a, b) -> new RecordedShape(a.sender(), a.clientAddress(), a.recipients(), a.signatures(),
                            a.count() + 1, a.examples().size() < examplesPerShape
                                    ? Stream.concat(a.examples().stream(), Stream.of(ref)).toList() : a.examples()));
        }
        return List.copyOf(shapes.values());
    }

    static List<MessageScannedEvent> recorded(int n, SplittableRandom random) {
        String[] senders = {"news@list.example", "friend@partner.example", "x@spam.example", "ceo@corp.example",
                "billing@vendor.example"};
        String[] clients = {"192.0.2.1", "198.51.100.7", "203.0.113.9"};
        List<List<String>> envelopes = List.of(List.of("a@corp.example"), List.of("a@corp.example", "x@sales.example"),
                List.of("x@sales.example"), List.of("boss@corp.example", "b@corp.example"),
                List.of("x@sales.example", "y@sales.example", "a@corp.example"));
        ScanStatus[] spam = {ScanStatus.NOT_SPAM, ScanStatus.NOT_SPAM, ScanStatus.PROBABLE_SPAM, ScanStatus.SPAM};
        List<MessageScannedEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> rcpts = envelopes.get(random.nextInt(envelopes.size()));
            boolean infected = random.nextInt(10) == 0;
            ModuleVerdict av = new ModuleVerdict(ProtectionModule.ANTI_VIRUS,
                    infected ? ScanStatus.INFECTED : ScanStatus.CLEAN, infected ? List.of("Eicar-Test-Signature") : List.of(),
                    0, infected && random.nextBoolean() ? List.of("2/" + random.nextInt(3)) : List.of());
            ModuleVerdict as = new ModuleVerdict(ProtectionModule.ANTI_SPAM, spam[random.nextInt(spam.length)],
                    List.of("BAYES_SPAM (" + random.nextInt(9) + ".0)"), random.nextInt(9), List.of(), null,
                    List.of(new ScanSymbol("BAYES_SPAM", random.nextInt(9), "bayes", List.of())), random.nextInt(30) == 0);
            ModuleVerdict sa = random.nextInt(5) == 0
                    ? new ModuleVerdict(ProtectionModule.SENDER_AUTHENTICATION, ScanStatus.DMARC_FAIL,
                            List.of("dmarc=fail"), 0, List.of(), null, List.of(new ScanSymbol(
                                    random.nextBoolean() ? "DMARC_POLICY_REJECT" : "DMARC_POLICY_NONE", 0, "", List.of())),
                            random.nextInt(10) == 0)
                    : ModuleVerdict.of(ProtectionModule.SENDER_AUTHENTICATION, ScanStatus.PASS, "spf=pass");
            List<ModuleVerdict> verdicts = List.of(av, as, sa);
            // per-group verdicts: the sales group's were judged without anti-spam half the time
            List<RecipientGroupDecision> groups = new ArrayList<>();
            List<String> sales = rcpts.stream().filter(r -> r.endsWith("@sales.example")).toList();
            List<String> others = rcpts.stream().filter(r -> !r.endsWith("@sales.example")).toList();
            if (!sales.isEmpty()) {
                groups.add(new RecipientGroupDecision(SALES.ruleId(), "Sales", sales, Action.SKIP, Action.SKIP, List.of(),
                        false, List.of(), List.of(), random.nextBoolean() ? List.of(av, sa) : verdicts));
            }
            if (!others.isEmpty()) {
                groups.add(new RecipientGroupDecision(DEFAULT.ruleId(), DEFAULT.name(), others, Action.SKIP, Action.SKIP,
                        List.of(), false, List.of(), List.of(), random.nextInt(4) == 0 ? List.of() : verdicts));
            }
            String q = "Q" + i;
            out.add(new MessageScannedEvent(new MessageRef(q, q + "@mid", senders[random.nextInt(senders.length)], rcpts,
                    1000, clients[random.nextInt(clients.length)], "node-1"), new ScanReport(verdicts, Map.of(), 3),
                    groups, false, T0.plusSeconds(i)));
        }
        return out;
    }
}
