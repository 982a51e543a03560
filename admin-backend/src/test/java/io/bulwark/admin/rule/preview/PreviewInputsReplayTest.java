package io.bulwark.admin.rule.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.policy.ImpactPreview;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The preview read model behind a real tracking processor: recorded scans are kept in few segment
 * documents and fold into fewer shapes whose counts add up, a preview over them answers as the
 * preview message by message does, a rebuild from zero gives the same documents, and an event
 * handed over again is not counted twice.
 */
class PreviewInputsReplayTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final String GROUP = PreviewInputsProjection.PROCESSING_GROUP;
    private static final List<String> COLLECTIONS = List.of(PreviewInputsProjection.SEGMENTS,
            PreviewInputsProjection.VERDICTS);

    private ProjectionReplay replay;
    private PreviewInputsProjection projection;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("preview-replay", database -> {
            projection = new PreviewInputsProjection(database);
            return Map.of(GROUP, projection);
        });
    }

    @AfterEach
    void tearDown() {
        replay.close();
    }

    @Test
    void shapesCountEveryMessageOnceAndARebuildGivesTheSameDocuments() {
        List<MessageScannedEvent> scans = RecordedScans.scans("Q", 1200, T0, 15);
        scans.forEach(s -> replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(s)));
        replay.awaitCaughtUp(GROUP);

        List<Document> segments = replay.documents(PreviewInputsProjection.SEGMENTS);
        List<Document> verdicts = replay.documents(PreviewInputsProjection.VERDICTS);
        // 1200 messages over 100 minutes: 720 in the first hour, 480 in the second, each hour in
        // segments of at most SEGMENT_SIZE
        List<String> expectedIds = new java.util.ArrayList<>();
        for (int k = 0; k * PreviewInputsProjection.SEGMENT_SIZE < 720; k++) {
            expectedIds.add("498656:" + k);
        }
        for (int k = 0; k * PreviewInputsProjection.SEGMENT_SIZE < 480; k++) {
            expectedIds.add("498657:" + k);
        }
        assertThat(segments).extracting(d -> d.getString("_id")).containsExactlyInAnyOrderElementsOf(expectedIds);
        assertThat(segments).allMatch(d -> d.getInteger("n") <= PreviewInputsProjection.SEGMENT_SIZE);
        assertThat(segments.stream().mapToInt(d -> d.getInteger("n")).sum()).isEqualTo(1200);
        assertThat(segments).allMatch(d -> d.getList("m", Document.class).size() == d.getInteger("n"));
        PreviewInputsProjection.Window window = projection.window(T0, T0.plusSeconds(7200));
        assertThat(window.shapes().stream().mapToLong(s -> s.count()).sum()).isEqualTo(1200);
        assertThat(window.shapes().size()).isLessThan(600);
        assertThat(window.shapes()).allMatch(s -> s.examples().size()
                == Math.min(s.count(), PreviewInputsProjection.EXAMPLES_PER_SHAPE));

        replay.rebuild(List.of(GROUP), COLLECTIONS);
        assertThat(replay.documents(PreviewInputsProjection.SEGMENTS)).isEqualTo(segments);
        assertThat(replay.documents(PreviewInputsProjection.VERDICTS)).isEqualTo(verdicts);
    }

    @Test
    void aPreviewOverTheShapesEqualsThePreviewMessageByMessage() {
        List<MessageScannedEvent> scans = RecordedScans.scans("Q", 1200, T0, 16);
        scans.forEach(s -> replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(s)));
        replay.awaitCaughtUp(GROUP);
        List<RuleEntry> rules = RulePresets.initialRules();
        RuleEntry def = rules.stream().filter(r -> r.kind() == RuleKind.DEFAULT).findFirst().orElseThrow();
        RuleDefinition d = def.definition();
        RuleEntry edited = def.withDefinition(d.withModule(ProtectionModule.ANTI_SPAM, d.module(ProtectionModule.ANTI_SPAM)
                .with(ScanStatus.PROBABLE_SPAM, new StatusAction(Action.REJECT, false, ""))));

        ImpactPreview perMessage = new ImpactPreview(rules, edited, GlobalListsView.empty(), 20);
        scans.stream().filter(s -> !s.at().isBefore(T0.plusSeconds(3600))).forEach(perMessage::add);

        PreviewInputsProjection.Window window = projection.window(T0.plusSeconds(3600 + 59), T0.plusSeconds(86_400));
        assertThat(window.since()).isEqualTo(T0.plusSeconds(3600));
        ImpactPreview byShape = new ImpactPreview(rules, edited, GlobalListsView.empty(), 20);
        window.shapes().forEach(s -> byShape.add(s, window.signatures()::get));
        ImpactPreview.Result expected = perMessage.result();
        assertThat(expected.changed()).isPositive();
        assertThat(expected.examples()).hasSize(20);
        assertThat(byShape.result(projection.verdicts(byShape.exampleVerdicts())::get)).isEqualTo(expected);
    }

    @Test
    void anEventHandedOverAgainIsNotCountedTwice() {
        PreviewInputsProjection direct = new PreviewInputsProjection(replay.database());
        List<MessageScannedEvent> scans = new ArrayList<>(RecordedScans.scans("R", 3, T0, 17));
        MessageScannedEvent same = scans.getFirst();
        // three messages of one shape (same envelope and verdicts), the first handed over twice
        for (int i = 0; i < 3; i++) {
            MessageRef m = same.message();
            MessageRef ref = new MessageRef("R" + i, m.messageId(), m.sender(), m.recipients(), m.sizeBytes(),
                    m.clientAddress(), m.nodeId());
            MessageScannedEvent e = new MessageScannedEvent(ref, same.report(),
                    same.decisions(), false, T0.plusSeconds(i));
            direct.on(e, e.at(), new GlobalSequenceTrackingToken(10 + i));
            if (i == 0) {
                direct.on(e, e.at(), new GlobalSequenceTrackingToken(10));
            }
        }
        assertThat(replay.documents(PreviewInputsProjection.SEGMENTS)).singleElement().satisfies(d -> {
            assertThat(d.getInteger("n")).isEqualTo(3);
            assertThat(d.getList("m", Document.class)).extracting(e -> e.getString("q"))
                    .containsExactly("R0", "R1", "R2");
        });
        // and after a restart (a new projection instance), the hour's segment is found again
        PreviewInputsProjection restarted = new PreviewInputsProjection(replay.database());
        MessageScannedEvent again = new MessageScannedEvent(same.message(), same.report(), same.decisions(), false,
                T0.plusSeconds(1));
        restarted.count(again, again.at(), 11);
        assertThat(replay.documents(PreviewInputsProjection.SEGMENTS)).singleElement()
                .satisfies(d -> assertThat(d.getInteger("n")).isEqualTo(3));
    }

    @Test
    void messagesOlderThanTheLongestPreviewAreForgottenAsTimeMovesOn() {
        PreviewInputsProjection direct = new PreviewInputsProjection(replay.database());
        List<MessageScannedEvent> scans = RecordedScans.scans("P", 2, T0, 18);
        direct.count(scans.get(0), T0, 1);
        // a day more than kept: verdict lists are pruned by the day they were last used
        Instant later = T0.plus(java.time.Duration.ofDays(PreviewInputsProjection.KEEP_DAYS + 1)).plusSeconds(3600);
        MessageScannedEvent recent = new MessageScannedEvent(scans.get(1).message(), scans.get(1).report(),
                scans.get(1).decisions(), false, later);
        direct.count(recent, later, 2);
        assertThat(replay.documents(PreviewInputsProjection.SEGMENTS)).extracting(d -> d.getLong("h"))
                .containsExactly(Math.floorDiv(later.getEpochSecond(), 3600));
        // the verdict lists go with them: exactly the lists the kept messages name remain
        java.util.Set<String> named = new java.util.HashSet<>();
        for (Document segment : replay.documents(PreviewInputsProjection.SEGMENTS)) {
            for (Document m : segment.getList("m", Document.class)) {
                named.addAll(m.getList("v", String.class));
                named.addAll(m.getList("x", String.class));
            }
        }
        assertThat(replay.documents(PreviewInputsProjection.VERDICTS)).extracting(d -> d.getString("_id"))
                .containsExactlyInAnyOrderElementsOf(named);
    }
}
