package io.bulwark.console.dashboard;

import io.bulwark.events.antivirus.AntivirusNodeView;
import io.bulwark.events.query.MessageTrackingView;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.tls.CertificateView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the protection dashboard shows at one moment, computed from the read models' views without
 * I/O: module switches of the Default rule, anti-virus database age, mail flow counts, queues,
 * nodes, and warnings. Immutable.
 *
 * @param at        when it was taken
 * @param modules   protection module → "on"/"off" in the Default rule
 * @param antivirus per node: database age, or why there is none
 * @param lastHour  disposition → count of messages received in the last hour
 * @param lastDay   the same for the last 24 hours
 * @param capped    true when a period reached the query limit (counts are then "at least")
 * @param queues    per node and in total
 * @param nodes     the nodes and their state
 * @param warnings  what an administrator should look at, one sentence each
 */
public record DashboardSnapshot(Instant at, Map<String, String> modules, List<String> antivirus,
        Map<String, Long> lastHour, Map<String, Long> lastDay, boolean capped, List<QueueCountsView> queues,
        List<NodeStatusView> nodes, List<String> warnings) {

    /** The dispositions counted, in display order. */
    public static final List<String> DISPOSITIONS = List.of("received", "delivered", "rejected", "deleted", "bounced",
            "in queue");
    /** A certificate this close to its end is a warning. */
    static final long CERTIFICATE_WARNING_DAYS = 30;

    static DashboardSnapshot of(Instant now, List<RuleView> rules, List<AntivirusNodeView> antivirus,
            List<MessageTrackingView> lastDay, int limit, List<QueueCountsView> queues, List<NodeStatusView> nodes,
            List<CertificateView> certificates) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> modules = new LinkedHashMap<>();
        rules.stream().filter(r -> r.kind() == RuleKind.DEFAULT).findFirst().ifPresentOrElse(
                rule -> {
                    for (ProtectionModule module : ProtectionModule.values()) {
                        modules.put(module.name(), rule.definition().module(module).enabled() ? "on" : "off");
                    }
                },
                () -> warnings.add("There is no Default rule yet"));
        List<String> av = new ArrayList<>();
        for (AntivirusNodeView node : antivirus) {
            if (node.publishedAt() == null) {
                av.add(node.nodeId() + ": no database");
            } else {
                av.add(node.nodeId() + ": database of " + node.publishedAt() + " (" + age(now, node.publishedAt())
                        + " old, " + node.records() + " records)");
            }
            if (node.outOfDate()) {
                warnings.add("Anti-virus databases of " + node.nodeId() + " are out of date");
            }
        }
        for (NodeStatusView node : nodes) {
            if (!node.listening() || !node.receiving() || !node.sending()) {
                warnings.add("Node " + node.nodeId() + " is " + state(node));
            }
        }
        for (CertificateView certificate : certificates) {
            if ("ACTIVE".equalsIgnoreCase(certificate.status()) && certificate.daysLeft() != null
                    && certificate.daysLeft() <= CERTIFICATE_WARNING_DAYS) {
                warnings.add("The active TLS certificate expires in " + certificate.daysLeft() + " days");
            }
        }
        long deferred = queues.stream().mapToLong(QueueCountsView::deferred).sum();
        if (deferred > 0) {
            warnings.add(deferred + " message(s) deferred: a next hop may be failing (see Message queue)");
        }
        Instant hourAgo = now.minus(Duration.ofHours(1));
        List<MessageTrackingView> lastHour = lastDay.stream()
                .filter(m -> m.receivedAt() != null && !m.receivedAt().isBefore(hourAgo)).toList();
        return new DashboardSnapshot(now, modules, av, count(lastHour), count(lastDay), lastDay.size() >= limit,
                queues, nodes, warnings);
    }

    /** "listening, receiving, sending" or what of it is off. */
    static String state(NodeStatusView node) {
        return (node.listening() ? "listening" : "not listening") + ", " + (node.receiving() ? "receiving" : "not receiving")
                + ", " + (node.sending() ? "sending" : "not sending");
    }

    private static Map<String, Long> count(List<MessageTrackingView> messages) {
        Map<String, Long> counts = new LinkedHashMap<>();
        DISPOSITIONS.forEach(d -> counts.put(d, 0L));
        for (MessageTrackingView m : messages) {
            counts.merge("received", 1L, Long::sum);
            String disposition = switch (m.status() == null ? "" : m.status()) {
                case "DELIVERED", "PARTIALLY_DELIVERED" -> "delivered";
                case "REJECTED" -> "rejected";
                case "DELETED" -> "deleted";
                case "BOUNCED" -> "bounced";
                default -> "in queue";
            };
            counts.merge(disposition, 1L, Long::sum);
        }
        return counts;
    }

    private static String age(Instant now, Instant then) {
        Duration d = Duration.between(then, now);
        if (d.toDays() > 0) {
            return d.toDays() + " d";
        }
        return d.toHours() > 0 ? d.toHours() + " h" : Math.max(0, d.toMinutes()) + " min";
    }
}
