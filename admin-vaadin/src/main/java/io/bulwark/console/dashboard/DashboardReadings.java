package io.bulwark.console.dashboard;

import io.bulwark.events.antivirus.AntivirusNodeView;
import io.bulwark.events.audit.EventLogEntryView;
import io.bulwark.events.backup.BackupUsageView;
import io.bulwark.events.query.MessageTrackingView;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.queue.QueuedMessageView;
import io.bulwark.events.tls.CertificateView;
import io.bulwark.scan.licence.LicenceStatus;
import java.util.List;

/**
 * What the dashboard read from the other areas' clients at one moment, before folding
 * ({@link DashboardSnapshot#of}). A part that could not be read is empty (lists) or null (licence,
 * Backup) and named with its reason in {@code failures}, so one unavailable area does not blank the
 * whole page. Immutable.
 *
 * @param rules         the rules (the Default rule's module switches)
 * @param antivirus     anti-virus databases per node
 * @param lastDay       messages received in the last 24 hours, at most {@code limit}
 * @param limit         the query's limit (reached: counts are "at least")
 * @param queues        queue sizes per node
 * @param nodes         nodes and their switches
 * @param certificates  TLS certificates with days left
 * @param licence       the licence status, or null
 * @param backup        Backup's usage, or null
 * @param storeWarnings the event log's {@code StoreLow} entries of the last warning interval, newest first
 * @param deferred      messages in the deferred queue (each with its last reply)
 * @param failures      "what: why" for each part that could not be read
 */
record DashboardReadings(List<RuleView> rules, List<AntivirusNodeView> antivirus, List<MessageTrackingView> lastDay,
        int limit, List<QueueCountsView> queues, List<NodeStatusView> nodes, List<CertificateView> certificates,
        LicenceStatus licence, BackupUsageView backup, List<EventLogEntryView> storeWarnings,
        List<QueuedMessageView> deferred, List<String> failures) {

    DashboardReadings {
        rules = List.copyOf(rules);
        antivirus = List.copyOf(antivirus);
        lastDay = List.copyOf(lastDay);
        queues = List.copyOf(queues);
        nodes = List.copyOf(nodes);
        certificates = List.copyOf(certificates);
        storeWarnings = List.copyOf(storeWarnings);
        deferred = List.copyOf(deferred);
        failures = List.copyOf(failures);
    }
}
