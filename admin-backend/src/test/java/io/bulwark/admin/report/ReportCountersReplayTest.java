package io.bulwark.admin.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report counters behind a real tracking processor: a day of traffic gives the expected
 * numbers for the day, and a rebuild from zero gives identical documents and numbers.
 */
class ReportCountersReplayTest {
    private static final List<String> GROUPS = List.of(ReportCountersProjection.PROCESSING_GROUP);
    private static final List<String> COLLECTIONS =
            List.of(ReportCountersProjection.COLLECTION, ReportCountersProjection.NODES_COLLECTION);

    private ProjectionReplay replay;
    private ReportCounters counters;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("report-replay", database -> Map.of(ReportCountersProjection.PROCESSING_GROUP,
                new ReportCountersProjection(database)));
        counters = new ReportCounters(replay.database());
    }

    @AfterEach
    void tearDown() {
        replay.close();
    }

    private ReportData day() {
        return counters.read(ReportTraffic.DAY, ReportTraffic.DAY.plusSeconds(86400));
    }

    @Test
    void aDayOfTrafficIsCountedPerStatusActionNodeHourAndTopList() {
        ReportTraffic.day().forEach(e -> replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(e)));
        replay.awaitCaughtUp(GROUPS.toArray(String[]::new));

        ReportData data = day();
        assertThat(data.messages()).isEqualTo(10);
        assertThat(data.bytes()).isEqualTo(4 * 1000 + 2 * 2000 + 3 * 5000 + 700);
        assertThat(data.detected()).isEqualTo(4);
        assertThat(data.notDetected()).isEqualTo(6);
        assertThat(data.delivered()).isEqualTo(5);
        assertThat(data.statuses().get("ANTI_VIRUS")).containsEntry("CLEAN", 7L).containsEntry("INFECTED", 3L);
        assertThat(data.statuses().get("ANTI_SPAM")).containsEntry("NOT_SPAM", 9L).containsEntry("SPAM", 1L);
        assertThat(data.actions()).containsEntry("SKIP", 6L).containsEntry("DELETE_ATTACHMENT", 3L)
                .containsEntry("REJECT", 1L);
        assertThat(data.smtpRejected()).containsEntry("RCPT", 2L);
        assertThat(data.nodes()).containsExactly(new ReportData.NodeVolume("node-a", 7, 19000),
                new ReportData.NodeVolume("node-b", 3, 4700));
        assertThat(data.hourly()).hasSize(24);
        assertThat(data.hourly().get(8).messages()).isEqualTo(4);
        assertThat(data.hourly().get(14).bytes()).isEqualTo(15000);
        assertThat(data.tops().get("senders")).containsExactly(Map.entry("alice@a.example", 4L),
                Map.entry("mallory@evil.example", 3L), Map.entry("bob@b.example", 2L),
                Map.entry("spammer@evil.example", 1L));
        assertThat(data.tops().get("domains")).containsEntry("evil.example", 4L);
        assertThat(data.tops().get("recipients")).containsEntry("carol@corp.example", 8L);
        assertThat(data.tops().get("threats")).containsExactly(Map.entry("EICAR_TEST_FILE", 3L));
    }

    @Test
    void rebuildingFromZeroGivesIdenticalCounters() {
        ReportTraffic.day().forEach(e -> replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(e)));
        replay.awaitCaughtUp(GROUPS.toArray(String[]::new));
        List<Document> documents = replay.documents(ReportCountersProjection.COLLECTION);
        ReportData data = day();

        replay.rebuild(GROUPS, COLLECTIONS);

        assertThat(replay.documents(ReportCountersProjection.COLLECTION)).isEqualTo(documents);
        assertThat(day()).isEqualTo(data);
    }
}
