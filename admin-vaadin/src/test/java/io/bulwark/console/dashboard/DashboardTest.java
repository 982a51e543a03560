package io.bulwark.console.dashboard;

import static io.bulwark.console.kit.PageQueries.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.BackendUnavailableException;
import io.bulwark.console.backup.BackupClient;
import io.bulwark.events.antivirus.AntivirusNodeView;
import io.bulwark.events.antivirus.AntivirusUpdateResult;
import io.bulwark.events.audit.EventLogEntryView;
import io.bulwark.events.backup.BackupUsageView;
import io.bulwark.events.query.MessageTrackingView;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.queue.QueuedMessageView;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.tls.CertificateView;
import io.bulwark.scan.licence.LicenceMode;
import io.bulwark.scan.licence.LicencePhase;
import io.bulwark.scan.licence.LicenceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's snapshot from the read models' views, and the page that renders it. */
class DashboardTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final long MB = 1024 * 1024;

    private static MessageTrackingView message(String id, String status, Duration ago, Map<String, String> modules) {
        return new MessageTrackingView(id, id + "@test", "a@sender.test", List.of("b@example.org"), 100, "192.0.2.1",
                "node-1", status, NOW.minus(ago), NOW, List.of(), null, modules, List.of());
    }

    private static QueuedMessageView deferred(String id, List<String> recipients, Duration updated, String reply) {
        return new QueuedMessageView(id, "node-1", "DEFERRED", null, "a@sender.test", recipients, 100,
                NOW.minus(Duration.ofHours(2)), NOW.minus(updated), 3, NOW.plus(Duration.ofMinutes(5)), reply);
    }

    private static DashboardReadings readings(int limit, BackupUsageView backup, LicencePhase phase,
            List<String> failures) {
        RuleDefinition defaults = new RuleDefinition("Default", "", true, RuleMode.SCAN, null, null, Map.of(
                ProtectionModule.ANTI_VIRUS, new ModuleSettings(true, Map.of()),
                ProtectionModule.ANTI_SPAM, new ModuleSettings(false, Map.of())));
        List<MessageTrackingView> day = List.of(
                message("q1", "DELIVERED", Duration.ofMinutes(5), Map.of("ANTI_SPAM", "SPAM", "ANTI_VIRUS", "CLEAN")),
                message("q2", "REJECTED", Duration.ofMinutes(50), Map.of("ANTI_VIRUS", "INFECTED")),
                message("q3", "DEFERRED", Duration.ofHours(3), Map.of("ANTI_VIRUS", "PROBABLY_INFECTED",
                        "ANTI_SPAM", "NOT_SPAM", "SOMETHING_NEW", "SPAM")),
                message("q4", "DELETED", Duration.ofHours(20), Map.of("ANTI_SPAM", "A_STATUS_OF_A_NEWER_VERSION")));
        return new DashboardReadings(List.of(new RuleView(0, "default", RuleKind.DEFAULT, defaults)),
                List.of(new AntivirusNodeView("node-1", List.of(), 1234, NOW.minus(Duration.ofHours(30)),
                        AntivirusUpdateResult.FAILED, "mirror down", NOW, NOW.minus(Duration.ofHours(30)), true, null, null)),
                day, limit,
                List.of(QueueCountsView.of("node-1", 0, 0, 3, 1)),
                List.of(new NodeStatusView("node-1", true, true, false, NOW, NOW, "root")),
                List.of(new CertificateView("c1", "ACTIVE", "SELF_SIGNED", null, null, NOW, "root", NOW, 12L)),
                new LicenceStatus(LicenceMode.COMMERCIAL, phase, "LIC-1", null, null, NOW.plus(Duration.ofDays(10)), 10,
                        true, true, Map.of(), "The licence LIC-1 expires in 10 days"),
                backup,
                List.of(new EventLogEntryView(9, NOW.minus(Duration.ofHours(2)), "warning", "StoreLow", "node-1", "backup",
                                "Backup storage low on node-1: disk_space_low (used 1 of 2 bytes, 5 bytes free on disk)", "e9"),
                        new EventLogEntryView(8, NOW.minus(Duration.ofHours(20)), "warning", "StoreLow", "node-1", "backup",
                                "Backup storage low on node-1: disk_space_low (used 1 of 2 bytes, 9 bytes free on disk)", "e8"),
                        new EventLogEntryView(7, NOW.minus(Duration.ofHours(3)), "warning", "StoreLow", "node-2", "backup",
                                "Backup storage low on node-2: size_cap_nearly_reached (used 1 of 2 bytes)", "e7")),
                List.of(deferred("d1", List.of("x@Example.org"), Duration.ofMinutes(30), "451 4.4.1 connection refused"),
                        deferred("d2", List.of("y@example.org", "z@other.test"), Duration.ofMinutes(2),
                                "421 4.3.2 try again later"),
                        deferred("d3", List.of("w@example.org"), Duration.ofMinutes(10), null)),
                failures);
    }

    private static DashboardSnapshot snapshot(int limit) {
        return DashboardSnapshot.of(NOW, readings(limit, new BackupUsageView(40, 95 * MB, 100 * MB),
                LicencePhase.EXPIRES_SOON, List.of()));
    }

    @Test
    void countsTheLastHourAndDayByDispositionAndModuleDetections() {
        DashboardSnapshot s = snapshot(1000);
        assertThat(s.modules()).containsEntry("ANTI_VIRUS", "on").containsEntry("ANTI_SPAM", "off")
                .containsEntry("CONTENT_FILTERING", "off");
        assertThat(s.antivirus()).containsExactly("node-1: database of 2026-12-04T06:00:00Z (1 d old, 1234 records)");
        assertThat(s.licence()).isEqualTo("COMMERCIAL: The licence LIC-1 expires in 10 days");
        assertThat(s.lastHour().keySet()).containsExactlyElementsOf(DashboardSnapshot.DISPOSITIONS);
        assertThat(s.lastHour()).containsEntry("received", 2L).containsEntry("delivered", 1L)
                .containsEntry("rejected", 1L).containsEntry("deleted", 0L).containsEntry("in queue", 0L);
        assertThat(s.lastDay()).containsEntry("received", 4L).containsEntry("in queue", 1L).containsEntry("deleted", 1L);
        // findings only (CLEAN and NOT_SPAM are not), unknown modules and statuses are left out
        assertThat(s.detectionsLastHour()).containsEntry("ANTI_VIRUS", 1L).containsEntry("ANTI_SPAM", 1L)
                .containsEntry("ANTI_PHISHING", 0L).doesNotContainKey("SOMETHING_NEW");
        assertThat(s.detectionsLastDay()).containsEntry("ANTI_VIRUS", 2L).containsEntry("ANTI_SPAM", 1L);
        assertThat(s.detectionsLastDay().keySet()).hasSize(ProtectionModule.values().length);
        assertThat(s.capped()).isFalse();
        assertThat(snapshot(4).capped()).isTrue();
    }

    @Test
    void warnsOfWhatNeedsAttention() {
        assertThat(snapshot(1000).warnings()).containsExactly(
                "Anti-virus databases of node-1 are out of date",
                "Licence: The licence LIC-1 expires in 10 days",
                "Node node-1 is listening, receiving, not sending",
                "The active TLS certificate expires in 12 days",
                "Backup is 95 % full (95 MB of 100 MB): the oldest copies are evicted to make room",
                "The store's disk on node-1 is low on free space (reported 2026-12-05T10:00:00Z)",
                "Delivery to example.org is failing: 3 message(s) deferred, last reply: 421 4.3.2 try again later",
                "Delivery to other.test is failing: 1 message(s) deferred, last reply: 421 4.3.2 try again later");
    }

    @Test
    void aValidLicenceAndABackupBelowTheThresholdAreNoWarnings() {
        List<String> warnings = DashboardSnapshot.of(NOW, readings(1000, new BackupUsageView(40, 89 * MB, 100 * MB),
                LicencePhase.VALID, List.of())).warnings();
        assertThat(warnings).noneMatch(w -> w.startsWith("Licence") || w.startsWith("Backup"));
        assertThat(DashboardSnapshot.of(NOW, readings(1000, new BackupUsageView(0, 5 * MB, 0), LicencePhase.VALID,
                List.of())).warnings()).as("no size cap").noneMatch(w -> w.startsWith("Backup"));
    }

    @Test
    void thePageRendersTheSnapshotWithBarsCountsAndWarnings() {
        DashboardSnapshot s = snapshot(1000);
        DashboardPage page = new DashboardPage(new DashboardClient(null, null, null, null, null, null, null, null) {
            @Override
            public DashboardSnapshot snapshot(Instant now) {
                return s;
            }
        });
        assertThat(text(page, "flow-hour-received")).isEqualTo("2");
        assertThat(text(page, "flow-day-in-queue")).isEqualTo("1");
        assertThat(text(page, "detections-hour-anti-virus")).isEqualTo("1");
        assertThat(text(page, "detections-day-anti-virus")).isEqualTo("2");
        assertThat(text(page, "detections-day-anti-spam")).isEqualTo("1");
        assertThat(text(page, DashboardPage.MODULES_ID)).contains("ANTI_VIRUS: on", "Anti-virus node-1: database of");
        assertThat(text(page, DashboardPage.LICENCE_ID)).isEqualTo("Licence COMMERCIAL: The licence LIC-1 expires in 10 days");
        assertThat(text(page, DashboardPage.QUEUES_ID)).contains("node-1: incoming 0, active 0, deferred 3, hold 1");
        assertThat(text(page, DashboardPage.NODES_ID)).contains("node-1: listening, receiving, not sending");
        assertThat(text(page, DashboardPage.WARNINGS_ID)).contains(
                "⚠ Licence: The licence LIC-1 expires in 10 days",
                "⚠ The active TLS certificate expires in 12 days",
                "⚠ Backup is 95 % full",
                "⚠ The store's disk on node-1 is low on free space",
                "⚠ Delivery to example.org is failing: 3 message(s) deferred");
    }

    @Test
    void anAreaThatCannotBeReadIsAWarningAndTheRestIsShown() {
        BackupClient unavailable = new BackupClient(null) {
            @Override
            public BackupUsageView usage() {
                throw new BackendUnavailableException("Backup is unavailable: no answer in PT30S");
            }
        };
        // the other clients are absent too (null): every area fails on its own, the page still renders
        DashboardPage page = new DashboardPage(new DashboardClient(null, null, null, null, null, null, unavailable, null));
        assertThat(text(page, DashboardPage.WARNINGS_ID))
                .contains("⚠ Could not read Backup: Backup is unavailable: no answer in PT30S", "⚠ Could not read Rules:")
                .doesNotContain("There is no Default rule yet");
        assertThat(text(page, "flow-day-received")).isEqualTo("0");
    }

    @Test
    void aFailingSnapshotIsAWarningOnThePage() {
        DashboardPage page = new DashboardPage(new DashboardClient(null, null, null, null, null, null, null, null) {
            @Override
            public DashboardSnapshot snapshot(Instant now) {
                throw new IllegalStateException("Message tracking is unavailable: timeout");
            }
        });
        assertThat(text(page, DashboardPage.WARNINGS_ID))
                .isEqualTo("The dashboard could not be read: Message tracking is unavailable: timeout");
    }
}
