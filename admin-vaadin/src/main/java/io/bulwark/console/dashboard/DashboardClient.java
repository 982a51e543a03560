package io.bulwark.console.dashboard;

import io.bulwark.console.antivirus.AntivirusClient;
import io.bulwark.console.audit.AuditClient;
import io.bulwark.console.backup.BackupClient;
import io.bulwark.console.licence.LicenceClient;
import io.bulwark.console.queue.QueueClient;
import io.bulwark.console.rule.RulesClient;
import io.bulwark.console.tls.CertificatesClient;
import io.bulwark.console.tracking.MessageTrackingClient;
import io.bulwark.events.audit.FindEventLogQuery;
import io.bulwark.events.query.FindMessagesQuery;
import io.bulwark.events.queue.FindQueuedMessagesQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The dashboard's one read: asks the other areas' clients (rules, anti-virus databases, message
 * tracking, queue, nodes, certificates, licence, Backup, event log) and folds their answers into a
 * {@link DashboardSnapshot}. Each area is read on its own: one that fails becomes a warning and the
 * rest is still shown. Every role may read it. Stateless and thread-safe.
 */
@Component
public class DashboardClient {
    /** Messages read per refresh; the tracking projection caps a query at 1000. */
    static final int LIMIT = 1000;
    /** Deferred messages read per refresh to name the failing destinations. */
    static final int DEFERRED_LIMIT = 200;
    /**
     * How far back a store warning counts: a node repeats {@code BackupStorageLowEvent} while the
     * condition lasts, once per {@code bulwark.backup.warning-interval} (24 h by default), plus slack.
     */
    static final Duration STORE_WARNING_WINDOW = Duration.ofHours(25);

    private final RulesClient rules;
    private final AntivirusClient antivirus;
    private final MessageTrackingClient tracking;
    private final QueueClient queue;
    private final CertificatesClient certificates;
    private final LicenceClient licence;
    private final BackupClient backup;
    private final AuditClient eventLog;

    public DashboardClient(RulesClient rules, AntivirusClient antivirus, MessageTrackingClient tracking,
            QueueClient queue, CertificatesClient certificates, LicenceClient licence, BackupClient backup,
            AuditClient eventLog) {
        this.rules = rules;
        this.antivirus = antivirus;
        this.tracking = tracking;
        this.queue = queue;
        this.certificates = certificates;
        this.licence = licence;
        this.backup = backup;
        this.eventLog = eventLog;
    }

    public DashboardSnapshot snapshot(Instant now) {
        return DashboardSnapshot.of(now, read(now));
    }

    DashboardReadings read(Instant now) {
        List<String> failures = new ArrayList<>();
        return new DashboardReadings(
                part("Rules", () -> rules.rules(), List.of(), failures),
                part("Anti-virus databases", () -> antivirus.databases(), List.of(), failures),
                part("Message tracking", () -> tracking.find(new FindMessagesQuery(null, null, null,
                        now.minus(Duration.ofDays(1)), null, LIMIT)), List.of(), failures),
                LIMIT,
                part("Queues", () -> queue.counts(), List.of(), failures),
                part("Nodes", () -> queue.nodes(), List.of(), failures),
                part("Certificates", () -> certificates.certificates(), List.of(), failures),
                part("Licence", () -> licence.status(), null, failures),
                part("Backup", () -> backup.usage(), null, failures),
                part("Event log", () -> eventLog.find(new FindEventLogQuery(now.minus(STORE_WARNING_WINDOW), null,
                        List.of(), List.of("StoreLow"), null, null, true, 0, 50)).entries(), List.of(), failures),
                part("Deferred queue", () -> queue.find(new FindQueuedMessagesQuery("DEFERRED", null, null, null, null,
                        null, null, null, DEFERRED_LIMIT)), List.of(), failures),
                failures);
    }

    /** One area's answer, or {@code fallback} with the failure noted. */
    private static <T> T part(String what, Supplier<T> read, T fallback, List<String> failures) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            failures.add(what + ": " + e.getMessage());
            return fallback;
        }
    }
}
