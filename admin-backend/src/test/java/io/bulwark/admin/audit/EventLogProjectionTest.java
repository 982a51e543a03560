package io.bulwark.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.antivirus.AntivirusDatabaseUpdateFailedEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesOutOfDateEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesUpToDateEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesUpdatedEvent;
import io.bulwark.events.audit.EventLogEntryView;
import io.bulwark.events.backup.BackupCopyEvictedEvent;
import io.bulwark.events.backup.BackupEvictionReason;
import io.bulwark.events.cef.CefExportFailedEvent;
import io.bulwark.events.cef.CefExportResumedEvent;
import io.bulwark.events.audit.EventLogPage;
import io.bulwark.events.audit.FindEventLogQuery;
import io.bulwark.events.backup.BackupStorageCondition;
import io.bulwark.events.backup.BackupStorageLowEvent;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.node.NodeStartedEvent;
import io.bulwark.events.node.NodeStoppedEvent;
import io.bulwark.events.scan.CheckOutcome;
import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.rule.RuleDeletedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event log behind a real tracking processor: which system events it records, filters, replay. */
class EventLogProjectionTest {

    private static final String GROUP = EventLogProjection.PROCESSING_GROUP;
    private static final Instant AT = Instant.parse("2025-06-01T08:00:00Z");
    private static final MessageRef MESSAGE = new MessageRef("q-7", "<m7@x>", "a@x.example", List.of("b@y.example"),
            100, "203.0.113.9", "node-b");

    private ProjectionReplay replay;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("event-log-test", database -> Map.of(GROUP, new EventLogProjection(database)));
        for (Object event : List.of(
                new NodeStartedEvent("node-a", "1.0", AT),
                new RuleDeletedEvent("r", "R", "alice", AT),
                new MessageScannedEvent(MESSAGE, new ScanReport(List.of(), Map.of(), 5, List.of(
                        new CheckOutcome("clamd", ProtectionModule.ANTI_VIRUS, CheckOutcomeKind.FAILED,
                                "connection refused", 1, List.of()),
                        new CheckOutcome("dnsbl", ProtectionModule.ANTI_SPAM, CheckOutcomeKind.TIMED_OUT, null, 3000,
                                List.of()),
                        new CheckOutcome("spf", ProtectionModule.SENDER_AUTHENTICATION, CheckOutcomeKind.CLEAN, null, 1,
                                List.of()))), List.of(), false, AT.plusSeconds(60)),
                new MessageBouncedEvent(MESSAGE, "mx.y.example", "550 5.1.1 no such user", "q-8", AT.plusSeconds(120)),
                new BackupStorageLowEvent(List.of(BackupStorageCondition.DISK_SPACE_LOW), 10, 100, 5, 50, "node-b",
                        AT.plusSeconds(180)),
                new NodeStoppedEvent("node-a", AT.plusSeconds(240)))) {
            replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(event));
        }
    }

    @AfterEach
    void tearDown() {
        replay.close();
    }

    private EventLogPage find(FindEventLogQuery query) {
        replay.awaitCaughtUp(GROUP);
        return replay.axon().queryGateway().query(query, ResponseTypes.instanceOf(EventLogPage.class)).join();
    }

    private static FindEventLogQuery all() {
        return new FindEventLogQuery(null, null, null, null, null, null, false, 0, 100);
    }

    @Test
    void systemEventsBecomeEntriesWithASeverityAndAdministrativeOnesDoNot() {
        List<EventLogEntryView> entries = find(all()).entries();

        assertThat(entries).extracting(EventLogEntryView::type).containsExactly("NodeStarted", "ModuleError",
                "ModuleError", "DeliveryFailed", "StoreLow", "NodeStopped");
        assertThat(entries).extracting(EventLogEntryView::severity).containsExactly("info", "error", "warning",
                "warning", "warning", "info");
        assertThat(entries.get(1).source()).isEqualTo("ANTI_VIRUS/clamd");
        assertThat(entries.get(1).description()).contains("connection refused").contains("q-7");
        assertThat(entries.get(1).at()).isEqualTo(AT.plusSeconds(60));
    }

    @Test
    void databaseUpdatesTheSiemFeedAndBackupRotationReachTheLogWithTheirSeverity() {
        Instant t = AT.plusSeconds(1000);
        for (Object event : List.of(
                new AntivirusDatabasesUpdatedEvent("node-a", "https://db.example", List.of(), List.of("main.cvd"), 42,
                        AT, AT, "req-1", t),
                new AntivirusDatabasesUpToDateEvent("node-a", "https://db.example", List.of(), 42, AT, AT, null,
                        t.plusSeconds(1)),
                new AntivirusDatabaseUpdateFailedEvent("node-a", "https://db.example", "HTTP 503", List.of(), 42, AT,
                        null, t.plusSeconds(2)),
                new AntivirusDatabasesOutOfDateEvent("node-a", List.of(), 42, AT, 9, 7, t.plusSeconds(3)),
                new CefExportFailedEvent("tcp://siem.example:514", "connection refused", "node-a", t.plusSeconds(4)),
                new CefExportResumedEvent("tcp://siem.example:514", t.plusSeconds(4), 3, "node-a", t.plusSeconds(5)),
                new BackupCopyEvictedEvent("q-1.b", BackupEvictionReason.SIZE_CAP, 2048, AT, t.plusSeconds(6)))) {
            replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(event));
        }

        List<EventLogEntryView> entries = find(new FindEventLogQuery(t, null, null, null, null, null, false, 0, 100))
                .entries();

        assertThat(entries).extracting(EventLogEntryView::type, EventLogEntryView::severity).containsExactly(
                tuple("DatabaseUpdated", "info"), tuple("DatabaseUpdateFailed", "error"),
                tuple("DatabaseOutOfDate", "error"), tuple("CefExportFailed", "error"),
                tuple("CefExportResumed", "info"), tuple("StoreRotated", "warning"));
        assertThat(entries.get(1).description()).contains("HTTP 503");
        assertThat(entries.get(3).description()).contains("tcp://siem.example:514").contains("connection refused");
    }

    @Test
    void filtersBySeverityNodeTextAndTime() {
        assertThat(find(new FindEventLogQuery(null, null, List.of("error"), null, null, null, true, 0, 10)).total())
                .isEqualTo(1);
        assertThat(find(new FindEventLogQuery(null, null, null, null, "NODE-B", null, true, 0, 10)).total())
                .isEqualTo(4);
        assertThat(find(new FindEventLogQuery(null, null, null, null, null, "bounced", true, 0, 10)).entries())
                .extracting(EventLogEntryView::type).containsExactly("DeliveryFailed");
        assertThat(find(new FindEventLogQuery(AT.plusSeconds(100), AT.plusSeconds(200), null, null, null, null, true,
                0, 10)).entries()).extracting(EventLogEntryView::type).containsExactly("StoreLow", "DeliveryFailed");
    }

    @Test
    void rebuildingFromZeroGivesIdenticalEntries() {
        EventLogPage before = find(all());
        replay.rebuild(List.of(GROUP), List.of(EventLogProjection.COLLECTION));
        assertThat(find(all())).isEqualTo(before);
    }
}
