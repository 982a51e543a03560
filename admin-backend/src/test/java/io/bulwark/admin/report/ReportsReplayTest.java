package io.bulwark.admin.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.report.FindReportScheduleQuery;
import io.bulwark.events.report.FindReportsQuery;
import io.bulwark.events.report.ReportCreatedEvent;
import io.bulwark.events.report.ReportDeletedEvent;
import io.bulwark.events.report.ReportFailedEvent;
import io.bulwark.events.report.ReportScheduleChangedEvent;
import io.bulwark.events.report.ReportScheduleEntry;
import io.bulwark.events.report.ReportScheduleView;
import io.bulwark.events.report.ReportType;
import io.bulwark.events.report.ReportView;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reports list and schedule: built from recorded events, then rebuilt from zero, identical. */
class ReportsReplayTest {
    private static final Instant T = Instant.parse("2026-12-05T06:00:00Z");
    private static final Instant D4 = Instant.parse("2026-12-04T00:00:00Z");
    private static final Instant D5 = Instant.parse("2026-12-05T00:00:00Z");

    private ProjectionReplay replay;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("reports-replay", db -> Map.of(ReportsProjection.PROCESSING_GROUP,
                new ReportsProjection(db)));
    }

    @AfterEach
    void tearDown() {
        replay.close();
    }

    @Test
    void rebuildingFromZeroGivesTheSameListAndSchedule() {
        ReportScheduleEntry daily = new ReportScheduleEntry(true, LocalTime.of(6, 0), List.of("boss@corp.example"));
        ReportScheduleEntry off = ReportScheduleEntry.off();
        List<Object> events = List.of(
                new ReportScheduleChangedEvent(daily, off, off, off, off, off, "admin", T),
                new ReportCreatedEvent("daily-2026-12-04", ReportType.DAILY, D4, D5, "a.pdf", List.of("boss@corp.example"),
                        "system", T),
                new ReportFailedEvent("daily-2026-12-04", ReportType.DAILY, D4, D5, "SMTP down", "system", T),
                new ReportCreatedEvent("custom-1", ReportType.CUSTOM, D4.minusSeconds(86400), D5, "b.pdf", List.of(),
                        "admin", T),
                new ReportCreatedEvent("custom-2", ReportType.CUSTOM, D4, D5, "c.pdf", List.of(), "admin", T),
                new ReportDeletedEvent("custom-2", ReportType.CUSTOM, D4, D5, "admin", T));
        events.forEach(e -> replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(e)));
        replay.awaitCaughtUp(ReportsProjection.PROCESSING_GROUP);
        List<Document> documents = replay.documents(ReportsProjection.COLLECTION);
        List<ReportView> list = list();
        assertThat(list).extracting(ReportView::id).containsExactly("daily-2026-12-04", "custom-1");
        assertThat(list.getFirst().status()).isEqualTo("FAILED");
        assertThat(list.getFirst().reason()).isEqualTo("SMTP down");
        ReportScheduleView schedule = schedule();
        assertThat(schedule.daily()).isEqualTo(daily);

        replay.rebuild(List.of(ReportsProjection.PROCESSING_GROUP),
                List.of(ReportsProjection.COLLECTION, ReportsProjection.SCHEDULE_COLLECTION));

        assertThat(replay.documents(ReportsProjection.COLLECTION)).isEqualTo(documents);
        assertThat(list()).isEqualTo(list);
        assertThat(schedule()).isEqualTo(schedule);
    }

    private List<ReportView> list() {
        return replay.axon().queryGateway().query(new FindReportsQuery(),
                ResponseTypes.multipleInstancesOf(ReportView.class)).join();
    }

    private ReportScheduleView schedule() {
        return replay.axon().queryGateway().query(new FindReportScheduleQuery(), ReportScheduleView.class).join();
    }
}
