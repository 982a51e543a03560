package io.bulwark.admin.audit;

import io.bulwark.events.antivirus.AntivirusDatabaseUpdateFailedEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesOutOfDateEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesUpdatedEvent;
import io.bulwark.events.audit.EventLogEntryView;
import io.bulwark.events.backup.BackupCopyEvictedEvent;
import io.bulwark.events.backup.BackupEvictionReason;
import io.bulwark.events.backup.BackupStorageLowEvent;
import io.bulwark.events.cef.CefExportFailedEvent;
import io.bulwark.events.cef.CefExportResumedEvent;
import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.node.NodeStartedEvent;
import io.bulwark.events.node.NodeStoppedEvent;
import io.bulwark.events.queue.NodeTrafficStateReportedEvent;
import io.bulwark.events.scan.CheckOutcome;
import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.MessageScannedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which events are event log entries (system events with a severity) and what each says: one
 * mapping entry per event type, like {@link AuditCatalog}. An event may give several entries (a
 * scan in which two checks failed) or none (a scan in which nothing failed).
 *
 * <p><b>Adding a system event</b> (an anti-virus database update, a report that failed, a CEF
 * target that is down): add a line to {@link #standard()}, or declare a Spring bean of type
 * {@link EventLogMappings} in the feature's own package:
 * <pre>{@code
 * @Bean EventLogMappings antivirusUpdates() {
 *     return catalog -> catalog.map(AntivirusDatabaseUpdatedEvent.class, e -> List.of(
 *             EventLogCatalog.info("DatabaseUpdated", e.nodeId(), "anti-virus", "Loaded " + e.signatures() + " signatures")));
 * }
 * }</pre>
 * Built once at start-up, then read-only.
 */
public final class EventLogCatalog {

    /** One entry an event gives. */
    public record Entry(String severity, String type, String node, String source, String description) {
    }

    private final Map<Class<?>, Function<Object, List<Entry>>> mappings = new LinkedHashMap<>();
    private final Set<String> types = new LinkedHashSet<>();

    @SuppressWarnings("unchecked")
    public <E> EventLogCatalog map(Class<E> eventType, Function<E, List<Entry>> entries, String... producedTypes) {
        mappings.put(eventType, event -> entries.apply((E) event));
        types.addAll(List.of(producedTypes));
        return this;
    }

    /** The entries an event gives (none for an event the log does not record). */
    public List<Entry> describe(Object event) {
        Function<Object, List<Entry>> mapping = mappings.get(event.getClass());
        return mapping == null ? List.of() : mapping.apply(event);
    }

    /** Types the mappings declared, for a filter's choices. */
    public Set<String> types() {
        return Set.copyOf(types);
    }

    public static Entry info(String type, String node, String source, String description) {
        return new Entry(EventLogEntryView.INFO, type, node, source, description);
    }

    public static Entry warning(String type, String node, String source, String description) {
        return new Entry(EventLogEntryView.WARNING, type, node, source, description);
    }

    public static Entry error(String type, String node, String source, String description) {
        return new Entry(EventLogEntryView.ERROR, type, node, source, description);
    }

    /** The mappings of today's system events. */
    public static EventLogCatalog standard() {
        EventLogCatalog c = new EventLogCatalog();
        c.map(NodeStartedEvent.class, e -> List.of(info("NodeStarted", e.nodeId(), "node",
                "Node " + e.nodeId() + " started (version " + e.version() + ")")), "NodeStarted");
        c.map(NodeStoppedEvent.class, e -> List.of(info("NodeStopped", e.nodeId(), "node",
                "Node " + e.nodeId() + " stopped")), "NodeStopped");
        c.map(NodeTrafficStateReportedEvent.class, e -> List.of(info("NodeTrafficState", e.nodeId(), "smtp",
                "Node " + e.nodeId() + ": listening " + onOff(e.listening()) + ", receiving " + onOff(e.receiving())
                        + ", sending " + onOff(e.sending()))), "NodeTrafficState");
        c.map(MessageScannedEvent.class, EventLogCatalog::moduleErrors, "ModuleError");
        c.map(DeliveryDeferredEvent.class, e -> List.of(warning("DeliveryDeferred", e.message().nodeId(),
                e.message().queueId(), "Delivery of " + e.message().queueId() + " deferred: " + e.reply())),
                "DeliveryDeferred");
        c.map(MessageBouncedEvent.class, e -> List.of(warning("DeliveryFailed", e.message().nodeId(),
                e.message().queueId(), "Delivery of " + e.message().queueId() + " failed, bounced: " + e.reply())),
                "DeliveryFailed");
        c.map(BackupStorageLowEvent.class, e -> List.of(warning("StoreLow", e.nodeId(), "backup",
                "Backup storage low on " + e.nodeId() + ": " + e.conditions().stream().map(Object::toString)
                        .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                        + " (used " + e.usedBytes() + " of " + e.maxBytes() + " bytes, " + e.freeDiskBytes()
                        + " bytes free on disk)")), "StoreLow");
        // Database updates. "Up to date" is left out: every node reports it at each scheduled check,
        // and an entry per node per check would bury the ones that matter.
        c.map(AntivirusDatabasesUpdatedEvent.class, e -> List.of(info("DatabaseUpdated", e.nodeId(), "anti-virus",
                "Anti-virus databases updated on " + e.nodeId() + " from " + e.source() + ": "
                        + String.join(", ", e.updated()) + " (" + e.records() + " records, published "
                        + e.publishedAt() + ")")), "DatabaseUpdated");
        c.map(AntivirusDatabaseUpdateFailedEvent.class, e -> List.of(error("DatabaseUpdateFailed", e.nodeId(),
                "anti-virus", "Anti-virus database update failed on " + e.nodeId() + " from " + e.source() + ": "
                        + e.reason() + " (keeping " + e.records() + " records)")), "DatabaseUpdateFailed");
        c.map(AntivirusDatabasesOutOfDateEvent.class, e -> List.of(error("DatabaseOutOfDate", e.nodeId(),
                "anti-virus", "Anti-virus databases on " + e.nodeId() + " are " + e.days() + " days old (more than "
                        + e.maxAgeDays() + ")")), "DatabaseOutOfDate");
        // The SIEM feed itself: a target that is down is a delivery problem of the node's own records.
        c.map(CefExportFailedEvent.class, e -> List.of(error("CefExportFailed", e.nodeId(), "cef-export",
                "CEF export to " + e.target() + " failing: " + e.reason())), "CefExportFailed");
        c.map(CefExportResumedEvent.class, e -> List.of(info("CefExportResumed", e.nodeId(), "cef-export",
                "CEF export to " + e.target() + " resumed after " + e.attempts() + " failed attempts since "
                        + e.failedSince())), "CefExportResumed");
        // Store: Backup copies pushed out by the size cap or the age limit (StoreLow warns before).
        c.map(BackupCopyEvictedEvent.class, e -> List.of(e.reason() == BackupEvictionReason.SIZE_CAP
                ? warning("StoreRotated", null, "backup", "Backup copy " + e.backupId()
                        + " removed to stay under the size cap (" + e.compressedBytes() + " bytes)")
                : info("StoreRotated", null, "backup", "Backup copy " + e.backupId() + " removed at the age limit ("
                        + e.compressedBytes() + " bytes)")), "StoreRotated");
        return c;
    }

    /** One entry per check that failed or timed out in a scan: a module error. */
    private static List<Entry> moduleErrors(MessageScannedEvent e) {
        List<Entry> entries = new ArrayList<>();
        if (e.report() == null) {
            return entries;
        }
        for (CheckOutcome check : e.report().checks() == null ? List.<CheckOutcome>of() : e.report().checks()) {
            boolean failed = check.outcome() == CheckOutcomeKind.FAILED;
            if (failed || check.outcome() == CheckOutcomeKind.TIMED_OUT || check.outcome() == CheckOutcomeKind.TEMPORARY_FAILURE) {
                String what = failed ? "failed" : check.outcome() == CheckOutcomeKind.TIMED_OUT ? "timed out" : "failed temporarily";
                entries.add(new Entry(failed ? EventLogEntryView.ERROR : EventLogEntryView.WARNING, "ModuleError",
                        e.message().nodeId(), check.module().name() + "/" + check.check(),
                        "Check " + check.check() + " (" + check.module() + ") " + what + " on message "
                                + e.message().queueId() + (check.reason() == null ? "" : ": " + check.reason())));
            }
        }
        return entries;
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
