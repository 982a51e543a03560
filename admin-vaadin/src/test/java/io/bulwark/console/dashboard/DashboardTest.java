package io.bulwark.console.dashboard;

import static io.bulwark.console.kit.PageQueries.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.antivirus.AntivirusNodeView;
import io.bulwark.events.antivirus.AntivirusUpdateResult;
import io.bulwark.events.query.MessageTrackingView;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.tls.CertificateView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's snapshot from the read models' views, and the page that renders it. */
class DashboardTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private static MessageTrackingView message(String id, String status, Duration ago) {
        return new MessageTrackingView(id, id + "@test", "a@sender.test", List.of("b@example.org"), 100, "192.0.2.1",
                "node-1", status, NOW.minus(ago), NOW, List.of());
    }

    private static DashboardSnapshot snapshot(int limit) {
        RuleDefinition defaults = new RuleDefinition("Default", "", true, RuleMode.SCAN, null, null, Map.of(
                ProtectionModule.ANTI_VIRUS, new ModuleSettings(true, Map.of()),
                ProtectionModule.ANTI_SPAM, new ModuleSettings(false, Map.of())));
        List<MessageTrackingView> day = List.of(
                message("q1", "DELIVERED", Duration.ofMinutes(5)),
                message("q2", "REJECTED", Duration.ofMinutes(50)),
                message("q3", "DEFERRED", Duration.ofHours(3)),
                message("q4", "DELETED", Duration.ofHours(20)));
        return DashboardSnapshot.of(NOW, List.of(new RuleView(0, "default", RuleKind.DEFAULT, defaults)),
                List.of(new AntivirusNodeView("node-1", List.of(), 1234, NOW.minus(Duration.ofHours(30)),
                        AntivirusUpdateResult.FAILED, "mirror down", NOW, NOW.minus(Duration.ofHours(30)), true, null, null)),
                day, limit,
                List.of(QueueCountsView.of("node-1", 0, 0, 2, 1)),
                List.of(new NodeStatusView("node-1", true, true, false, NOW, NOW, "root")),
                List.of(new CertificateView("c1", "ACTIVE", "SELF_SIGNED", null, null, NOW, "root", NOW, 12L)));
    }

    @Test
    void countsTheLastHourAndDayByDispositionAndWarnsOfWhatNeedsAttention() {
        DashboardSnapshot s = snapshot(1000);
        assertThat(s.modules()).containsEntry("ANTI_VIRUS", "on").containsEntry("ANTI_SPAM", "off")
                .containsEntry("CONTENT_FILTERING", "off");
        assertThat(s.antivirus()).containsExactly("node-1: database of 2026-12-04T06:00:00Z (1 d old, 1234 records)");
        assertThat(s.lastHour().keySet()).containsExactlyElementsOf(DashboardSnapshot.DISPOSITIONS);
        assertThat(s.lastHour()).containsEntry("received", 2L).containsEntry("delivered", 1L)
                .containsEntry("rejected", 1L).containsEntry("deleted", 0L).containsEntry("in queue", 0L);
        assertThat(s.lastDay()).containsEntry("received", 4L).containsEntry("in queue", 1L).containsEntry("deleted", 1L);
        assertThat(s.capped()).isFalse();
        assertThat(s.warnings()).containsExactly(
                "Anti-virus databases of node-1 are out of date",
                "Node node-1 is listening, receiving, not sending",
                "The active TLS certificate expires in 12 days",
                "2 message(s) deferred: a next hop may be failing (see Message queue)");
        assertThat(snapshot(4).capped()).isTrue();
    }

    @Test
    void thePageRendersTheSnapshotWithBarsAndCounts() {
        DashboardSnapshot s = snapshot(1000);
        DashboardPage page = new DashboardPage(new DashboardClient(null, null, null, null, null) {
            @Override
            public DashboardSnapshot snapshot(Instant now) {
                return s;
            }
        });
        assertThat(text(page, "flow-hour-received")).isEqualTo("2");
        assertThat(text(page, "flow-day-in-queue")).isEqualTo("1");
        assertThat(text(page, DashboardPage.MODULES_ID)).contains("ANTI_VIRUS: on", "Anti-virus node-1: database of");
        assertThat(text(page, DashboardPage.QUEUES_ID)).contains("node-1: incoming 0, active 0, deferred 2, hold 1");
        assertThat(text(page, DashboardPage.NODES_ID)).contains("node-1: listening, receiving, not sending");
        assertThat(text(page, DashboardPage.WARNINGS_ID)).contains("⚠ The active TLS certificate expires in 12 days");
    }

    @Test
    void aFailingReadIsAWarningOnThePage() {
        DashboardPage page = new DashboardPage(new DashboardClient(null, null, null, null, null) {
            @Override
            public DashboardSnapshot snapshot(Instant now) {
                throw new IllegalStateException("Message tracking is unavailable: timeout");
            }
        });
        assertThat(text(page, DashboardPage.WARNINGS_ID))
                .isEqualTo("The dashboard could not be read: Message tracking is unavailable: timeout");
    }
}
