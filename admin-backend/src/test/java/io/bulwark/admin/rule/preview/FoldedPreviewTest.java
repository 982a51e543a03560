package io.bulwark.admin.rule.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.policy.ImpactPreview;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The folded preview (in-memory columns, rules per recipient kept across edits, decision classes)
 * answers exactly as {@link ImpactPreview} judging every recorded message, for edits of every kind
 * and of rules at every position; and the columns pick up what the read model gained since.
 */
class FoldedPreviewTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private ProjectionReplay replay;
    private PreviewInputsProjection projection;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("folded-preview", database -> {
            projection = new PreviewInputsProjection(database);
            return Map.of(PreviewInputsProjection.PROCESSING_GROUP, projection);
        });
    }

    @AfterEach
    void tearDown() {
        replay.close();
    }

    @Test
    void everyKindOfEditAnswersAsThePreviewMessageByMessage() {
        List<MessageScannedEvent> scans = RecordedScans.scans("Q", 1500, T0, 21);
        for (int i = 0; i < scans.size(); i++) {
            projection.count(scans.get(i), scans.get(i).at(), i + 1L);
        }
        List<RuleEntry> rules = rules();
        GlobalListsView lists = new GlobalListsView(List.of(new GlobalListEntry(GlobalListEntryType.ADDRESS, "sender3@elsewhere.example")),
                List.of(new GlobalListEntry(GlobalListEntryType.IP_NETWORK, "192.0.2.1/32")), Action.REJECT);
        Instant now = T0.plusSeconds(3 * 3600);
        PreviewColumns columns = projection.columns(Clock.fixed(now, ZoneOffset.UTC));
        FoldedPreview.Window window = new FoldedPreview.Window(columns.snapshot(),
                Math.floorDiv(T0.getEpochSecond(), 3600), Math.floorDiv(now.getEpochSecond(), 3600));
        FoldedPreview.Base base = new FoldedPreview.Base(window, rules, lists,
                projection.verdicts(window.signatureIds()));

        Map<String, RuleEntry> edits = new LinkedHashMap<>();
        RuleEntry def = byKind(rules, RuleKind.DEFAULT);
        edits.put("default rejects probable spam", def.withDefinition(withSpam(def.definition(), Action.REJECT)));
        RuleEntry team = byId(rules, "team");
        edits.put("team rule disabled", team.withDefinition(team.definition().withEnabled(false)));
        edits.put("team rule to every user", team.withDefinition(team.definition().withCriteria(
                SenderCriteria.anyone(), new RecipientCriteria(List.of("user*@corp.example")))));
        edits.put("team rule deletes spam", team.withDefinition(withSpam(team.definition(), Action.DELETE_MESSAGE)));
        RuleEntry s1 = byId(rules, "sender1");
        edits.put("sender rule widened to a network", s1.withDefinition(s1.definition().withCriteria(
                new SenderCriteria(List.of("sender1@elsewhere.example"), List.of("192.0.2.0/24")),
                RecipientCriteria.anyone())));
        edits.put("sender rule rejects without scanning", s1.withDefinition(s1.definition().withMode(RuleMode.REJECT_WITHOUT_SCANNING)));
        RuleEntry off = byId(rules, "off");
        edits.put("a disabled rule switched on", off.withDefinition(off.definition().withEnabled(true)));
        edits.put("a rule narrowed to nobody's sender", s1.withDefinition(s1.definition().withCriteria(
                new SenderCriteria(List.of("nobody@nowhere.example"), List.of()), RecipientCriteria.anyone())));

        int changedSomewhere = 0;
        for (Map.Entry<String, RuleEntry> e : edits.entrySet()) {
            RuleEntry edited = e.getValue().withDefinition(e.getValue().definition().complete());
            ImpactPreview perMessage = new ImpactPreview(rules, edited, lists, 20);
            scans.forEach(perMessage::add);
            ImpactPreview.Result expected = perMessage.result();
            ImpactPreview.Result folded = FoldedPreview.preview(base, edited, 20, projection::verdicts);
            assertThat(folded).as(e.getKey()).isEqualTo(expected);
            changedSomewhere += expected.changed() > 0 ? 1 : 0;
        }
        assertThat(changedSomewhere).isGreaterThanOrEqualTo(6);
    }

    @Test
    void theColumnsPickUpMessagesCountedSinceTheLastSnapshot() {
        List<MessageScannedEvent> scans = RecordedScans.scans("Q", 900, T0, 22);
        Instant now = T0.plusSeconds(3600);
        PreviewColumns columns = projection.columns(Clock.fixed(now, ZoneOffset.UTC));
        for (int i = 0; i < 600; i++) {
            projection.count(scans.get(i), scans.get(i).at(), i + 1L);
        }
        PreviewColumns.Snapshot first = columns.snapshot();
        assertThat(messages(first)).isEqualTo(600);
        assertThat(columns.snapshot()).isSameAs(first);
        for (int i = 600; i < 900; i++) {
            projection.count(scans.get(i), scans.get(i).at(), i + 1L);
        }
        PreviewColumns.Snapshot second = columns.snapshot();
        assertThat(second.version()).isGreaterThan(first.version());
        assertThat(messages(second)).isEqualTo(900);
        List<String> queueIds = new ArrayList<>();
        second.segments().forEach(s -> queueIds.addAll(List.of(s.queueIds())));
        assertThat(queueIds).containsExactlyElementsOf(scans.stream().map(s -> s.message().queueId()).toList());

        // a rebuild empties the read model: the columns notice and read it again
        replay.database().getCollection(PreviewInputsProjection.SEGMENTS).deleteMany(new org.bson.Document());
        projection.count(scans.getFirst(), scans.getFirst().at(), 1L);
        // the projection instance remembers its open segments; a new one (as after a reset) starts afresh
        assertThat(messages(columns.snapshot())).isLessThanOrEqualTo(1);
    }

    @Test
    void aWindowUpdatedWithNewMessagesAnswersAsOneFoldedAfresh() {
        List<MessageScannedEvent> scans = RecordedScans.scans("U", 1400, T0, 23);
        Instant now = T0.plusSeconds(2 * 3600);
        long from = Math.floorDiv(T0.getEpochSecond(), 3600);
        long to = Math.floorDiv(now.getEpochSecond(), 3600);
        PreviewColumns columns = projection.columns(Clock.fixed(now, ZoneOffset.UTC));
        List<RuleEntry> rules = rules();
        RuleEntry team = byId(rules, "team");
        RuleEntry edited = team.withDefinition(team.definition().withCriteria(SenderCriteria.anyone(),
                new RecipientCriteria(List.of("user*@corp.example"))).complete());
        for (int i = 0; i < 700; i++) {
            projection.count(scans.get(i), scans.get(i).at(), i + 1L);
        }
        FoldedPreview.Window first = new FoldedPreview.Window(columns.snapshot(), from, to);
        FoldedPreview.Base firstBase = new FoldedPreview.Base(first, rules, GlobalListsView.empty(), projection::verdicts,
                null);
        FoldedPreview.preview(firstBase, edited, 20, projection::verdicts);
        for (int i = 700; i < scans.size(); i++) {
            projection.count(scans.get(i), scans.get(i).at(), i + 1L);
        }
        PreviewColumns.Snapshot later = columns.snapshot();
        FoldedPreview.Window updated = first.update(later, from + 1, to); // the window also moved by an hour
        FoldedPreview.Base extended = new FoldedPreview.Base(updated, rules, GlobalListsView.empty(),
                projection::verdicts, firstBase);
        FoldedPreview.Window afresh = new FoldedPreview.Window(later, from + 1, to);
        FoldedPreview.Base scratch = new FoldedPreview.Base(afresh, rules, GlobalListsView.empty(), projection::verdicts,
                null);

        ImpactPreview perMessage = new ImpactPreview(rules, edited, GlobalListsView.empty(), 20);
        scans.stream().filter(s -> !s.at().isBefore(T0.plusSeconds(3600))).forEach(perMessage::add);
        ImpactPreview.Result expected = perMessage.result();
        assertThat(expected.changed()).isPositive();
        assertThat(updated.shapes()).isEqualTo(afresh.shapes());
        assertThat(FoldedPreview.preview(extended, edited, 20, projection::verdicts)).isEqualTo(expected);
        assertThat(FoldedPreview.preview(scratch, edited, 20, projection::verdicts)).isEqualTo(expected);
    }

    private static int messages(PreviewColumns.Snapshot s) {
        return s.segments().stream().mapToInt(PreviewColumns.Segment::size).sum();
    }

    /** The presets plus custom rules before the Default: a team rule, a sender rule and a disabled one. */
    private static List<RuleEntry> rules() {
        List<RuleEntry> out = new ArrayList<>();
        out.add(custom("sender1", "Sender one", d -> d.withCriteria(
                new SenderCriteria(List.of("sender1@elsewhere.example"), List.of()), RecipientCriteria.anyone())));
        out.add(custom("team", "Team", d -> withSpam(d.withCriteria(SenderCriteria.anyone(),
                new RecipientCriteria(List.of("team@corp.example"))), Action.REJECT)));
        out.add(custom("off", "Off", d -> withSpam(d.withCriteria(SenderCriteria.anyone(),
                new RecipientCriteria(List.of("user1@corp.example"))), Action.DELETE_MESSAGE).withEnabled(false)));
        out.addAll(RulePresets.initialRules());
        return out;
    }

    private static RuleEntry custom(String id, String name, UnaryOperator<RuleDefinition> change) {
        return new RuleEntry(id, RuleKind.CUSTOM, change.apply(RuleDefinition.withDefaults(name,
                SenderCriteria.anyone(), RecipientCriteria.anyone())).complete());
    }

    private static RuleDefinition withSpam(RuleDefinition d, Action action) {
        return d.withModule(ProtectionModule.ANTI_SPAM, d.module(ProtectionModule.ANTI_SPAM)
                .with(ScanStatus.PROBABLE_SPAM, new StatusAction(action, false, "")));
    }

    private static RuleEntry byKind(List<RuleEntry> rules, RuleKind kind) {
        return rules.stream().filter(r -> r.kind() == kind).findFirst().orElseThrow();
    }

    private static RuleEntry byId(List<RuleEntry> rules, String id) {
        return rules.stream().filter(r -> r.ruleId().equals(id)).findFirst().orElseThrow();
    }
}
