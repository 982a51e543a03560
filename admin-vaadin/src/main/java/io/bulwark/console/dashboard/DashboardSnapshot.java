package io.bulwark.console.dashboard;

import io.bulwark.events.antivirus.AntivirusNodeView;
import io.bulwark.events.audit.EventLogEntryView;
import io.bulwark.events.backup.BackupUsageView;
import io.bulwark.events.query.MessageTrackingView;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.queue.QueuedMessageView;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.tls.CertificateView;
import io.bulwark.scan.licence.LicenceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the protection dashboard shows at one moment, computed from the read models' views without
 * I/O: module switches of the Default rule, anti-virus database age, the licence, mail flow and
 * per-module detections, queues, nodes, and warnings. Immutable.
 *
 * @param at                 when it was taken
 * @param modules            protection module → "on"/"off" in the Default rule
 * @param antivirus          per node: database age, or why there is none
 * @param licence            the licence state in one line, or null when it could not be read
 * @param lastHour           disposition → count of messages received in the last hour
 * @param lastDay            the same for the last 24 hours
 * @param detectionsLastHour protection module → messages in which it found something (a finding
 *                           status: infected, spam, phishing, ...) among those of the last hour
 * @param detectionsLastDay  the same for the last 24 hours
 * @param capped             true when a period reached the query limit (counts are then "at least")
 * @param queues             per node and in total
 * @param nodes              the nodes and their state
 * @param warnings           what an administrator should look at, one sentence each
 */
public record DashboardSnapshot(Instant at, Map<String, String> modules, List<String> antivirus, String licence,
        Map<String, Long> lastHour, Map<String, Long> lastDay, Map<String, Long> detectionsLastHour,
        Map<String, Long> detectionsLastDay, boolean capped, List<QueueCountsView> queues, List<NodeStatusView> nodes,
        List<String> warnings) {

    /** The dispositions counted, in display order. */
    public static final List<String> DISPOSITIONS = List.of("received", "delivered", "rejected", "deleted", "bounced",
            "in queue");
    /** A certificate this close to its end is a warning. */
    static final long CERTIFICATE_WARNING_DAYS = 30;
    /** Backup this full (percent of {@code bulwark.backup.max-size}) is a warning, as the store's own. */
    static final int BACKUP_WARNING_PERCENT = 90;
    /** Failing destinations named at most. */
    static final int FAILING_DESTINATIONS_SHOWN = 5;

    static DashboardSnapshot of(Instant now, DashboardReadings in) {
        List<String> warnings = new ArrayList<>();
        in.failures().forEach(failure -> warnings.add("Could not read " + failure));
        Map<String, String> modules = new LinkedHashMap<>();
        in.rules().stream().filter(r -> r.kind() == RuleKind.DEFAULT).findFirst().ifPresentOrElse(
                rule -> {
                    for (ProtectionModule module : ProtectionModule.values()) {
                        modules.put(module.name(), rule.definition().module(module).enabled() ? "on" : "off");
                    }
                },
                () -> {
                    if (in.failures().stream().noneMatch(f -> f.startsWith("Rules:"))) {
                        warnings.add("There is no Default rule yet");
                    }
                });
        List<String> av = new ArrayList<>();
        for (AntivirusNodeView node : in.antivirus()) {
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
        String licence = null;
        if (in.licence() != null) {
            LicenceStatus status = in.licence();
            licence = status.mode() + ": " + status.message();
            if (status.warning()) {
                warnings.add("Licence: " + status.message());
            }
        }
        for (NodeStatusView node : in.nodes()) {
            if (!node.listening() || !node.receiving() || !node.sending()) {
                warnings.add("Node " + node.nodeId() + " is " + state(node));
            }
        }
        for (CertificateView certificate : in.certificates()) {
            if ("ACTIVE".equalsIgnoreCase(certificate.status()) && certificate.daysLeft() != null
                    && certificate.daysLeft() <= CERTIFICATE_WARNING_DAYS) {
                warnings.add("The active TLS certificate expires in " + certificate.daysLeft() + " days");
            }
        }
        backupWarning(in.backup()).ifPresent(warnings::add);
        warnings.addAll(storeDiskWarnings(in.storeWarnings()));
        warnings.addAll(failingDestinations(in.deferred(), in.queues()));

        Instant hourAgo = now.minus(Duration.ofHours(1));
        List<MessageTrackingView> lastHour = in.lastDay().stream()
                .filter(m -> m.receivedAt() != null && !m.receivedAt().isBefore(hourAgo)).toList();
        return new DashboardSnapshot(now, modules, av, licence, count(lastHour), count(in.lastDay()),
                detections(lastHour), detections(in.lastDay()), in.lastDay().size() >= in.limit(), in.queues(),
                in.nodes(), warnings);
    }

    /** "listening, receiving, sending" or what of it is off. */
    static String state(NodeStatusView node) {
        return (node.listening() ? "listening" : "not listening") + ", " + (node.receiving() ? "receiving" : "not receiving")
                + ", " + (node.sending() ? "sending" : "not sending");
    }

    private static java.util.Optional<String> backupWarning(BackupUsageView usage) {
        if (usage == null || usage.maxBytes() <= 0 || usage.usedBytes() * 100 < usage.maxBytes() * BACKUP_WARNING_PERCENT) {
            return java.util.Optional.empty();
        }
        long percent = usage.usedBytes() * 100 / usage.maxBytes();
        return java.util.Optional.of("Backup is " + percent + " % full (" + megabytes(usage.usedBytes()) + " of "
                + megabytes(usage.maxBytes()) + "): the oldest copies are evicted to make room");
    }

    /**
     * The newest disk-space report of each node: the store's node reports {@code disk_space_low}
     * (its data directory's disk, which holds the event store and Backup) while it lasts.
     */
    private static List<String> storeDiskWarnings(List<EventLogEntryView> storeLow) {
        List<String> warnings = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (EventLogEntryView entry : storeLow) {
            String node = entry.node() == null ? "a node" : entry.node();
            if (entry.description() != null && entry.description().toLowerCase(Locale.ROOT).contains("disk_space_low")
                    && seen.add(node)) {
                warnings.add("The store's disk on " + node + " is low on free space (reported " + entry.at() + ")");
            }
        }
        return warnings;
    }

    /**
     * Deferred messages grouped by the recipients' domain (the unit of routing, so of a next hop),
     * largest group first, each with the newest temporary failure the queue recorded.
     */
    private static List<String> failingDestinations(List<QueuedMessageView> deferred, List<QueueCountsView> queues) {
        Map<String, List<QueuedMessageView>> byDomain = new LinkedHashMap<>();
        for (QueuedMessageView message : deferred) {
            Set<String> domains = new LinkedHashSet<>();
            message.recipients().forEach(r -> domains.add(r.substring(r.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT)));
            domains.forEach(d -> byDomain.computeIfAbsent(d, k -> new ArrayList<>()).add(message));
        }
        List<String> warnings = new ArrayList<>();
        byDomain.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<QueuedMessageView>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .limit(FAILING_DESTINATIONS_SHOWN)
                .forEach(e -> {
                    String reply = e.getValue().stream().filter(m -> m.lastReply() != null)
                            .max(Comparator.comparing(QueuedMessageView::updatedAt,
                                    Comparator.nullsFirst(Comparator.naturalOrder())))
                            .map(QueuedMessageView::lastReply).orElse(null);
                    warnings.add("Delivery to " + e.getKey() + " is failing: " + e.getValue().size()
                            + " message(s) deferred" + (reply == null ? "" : ", last reply: " + reply));
                });
        long counted = queues.stream().mapToLong(QueueCountsView::deferred).sum();
        if (deferred.isEmpty() && counted > 0) {
            warnings.add(counted + " message(s) deferred: a next hop may be failing (see Message queue)");
        }
        return warnings;
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

    /** Per module (all, in module order), the messages whose status of that module is a finding. */
    private static Map<String, Long> detections(List<MessageTrackingView> messages) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ProtectionModule module : ProtectionModule.values()) {
            counts.put(module.name(), 0L);
        }
        for (MessageTrackingView m : messages) {
            m.moduleStatuses().forEach((module, status) -> {
                if (counts.containsKey(module) && finding(status)) {
                    counts.merge(module, 1L, Long::sum);
                }
            });
        }
        return counts;
    }

    private static boolean finding(String status) {
        try {
            return status != null && ScanStatus.valueOf(status).finding();
        } catch (IllegalArgumentException unknown) {
            return false; // a status of a newer version: not counted rather than guessed
        }
    }

    private static String megabytes(long bytes) {
        return (bytes / (1024 * 1024)) + " MB";
    }

    private static String age(Instant now, Instant then) {
        Duration d = Duration.between(then, now);
        if (d.toDays() > 0) {
            return d.toDays() + " d";
        }
        return d.toHours() > 0 ? d.toHours() + " h" : Math.max(0, d.toMinutes()) + " min";
    }
}
