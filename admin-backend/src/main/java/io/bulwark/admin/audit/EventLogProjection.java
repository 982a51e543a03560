package io.bulwark.admin.audit;

import com.mongodb.client.MongoDatabase;
import io.bulwark.admin.audit.internal.BucketedLog;
import io.bulwark.admin.audit.internal.LogKeys;
import io.bulwark.events.audit.EventLogEntryView;
import io.bulwark.events.audit.EventLogPage;
import io.bulwark.events.audit.FindEventLogQuery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The event log: system events with a severity, as the {@link EventLogCatalog} describes them, in a
 * {@link BucketedLog} ({@value #COLLECTION}) like the audit log, so it pages and filters (time,
 * severity, type, node, text) as fast at a million entries.
 *
 * <p>Runs in the tracking processor {@value #PROCESSING_GROUP}. Replay-safe: an event that gives
 * several entries gives them ids {@code <eventId>#<n>}, the same on every replay; a reset empties the
 * log.
 */
@Component
@ProcessingGroup(EventLogProjection.PROCESSING_GROUP)
public class EventLogProjection {

    public static final String PROCESSING_GROUP = "event-log";
    public static final String COLLECTION = "event_log";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    private final BucketedLog log;
    private final EventLogCatalog catalog;

    @Autowired
    public EventLogProjection(MongoDatabase database, List<EventLogMappings> contributions) {
        this.log = new BucketedLog(database, COLLECTION);
        this.catalog = EventLogCatalog.standard();
        contributions.forEach(contribution -> contribution.register(catalog));
    }

    /** With the standard catalog (tests). */
    public EventLogProjection(MongoDatabase database) {
        this(database, List.of());
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        List<EventLogCatalog.Entry> entries = catalog.describe(payload);
        if (entries.isEmpty()) {
            return;
        }
        List<BucketedLog.NewRow> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            EventLogCatalog.Entry entry = entries.get(i);
            Document fields = new Document("severity", entry.severity()).append("type", entry.type())
                    .append("node", entry.node()).append("source", entry.source())
                    .append("description", entry.description());
            Set<String> keys = new LinkedHashSet<>();
            keys.add(LogKeys.exact("severity", entry.severity()));
            keys.add(LogKeys.exact("type", entry.type()));
            String node = LogKeys.exact("node", entry.node());
            if (node != null) {
                keys.add(node);
            }
            keys.addAll(LogKeys.wordPrefixes(entry.description(), entry.source()));
            String id = entries.size() == 1 ? message.getIdentifier() : message.getIdentifier() + "#" + i;
            rows.add(new BucketedLog.NewRow(id, AuditCatalog.timeOf(payload, message.getTimestamp()), fields, keys));
        }
        log.append(rows);
    }

    @ResetHandler
    void reset() {
        log.clear();
    }

    @QueryHandler
    public EventLogPage find(FindEventLogQuery query) {
        List<Set<String>> groups = new ArrayList<>();
        anyOf(groups, "severity", query.severities());
        anyOf(groups, "type", query.types());
        String node = LogKeys.exact("node", query.node());
        if (node != null) {
            groups.add(Set.of(node));
        }
        LogKeys.queryWords(query.text()).forEach(word -> groups.add(Set.of(word)));
        int limit = query.limit() <= 0 ? DEFAULT_LIMIT : Math.min(query.limit(), MAX_LIMIT);
        int offset = Math.max(0, query.offset());
        BucketedLog.Page page = log.find(new BucketedLog.Criteria(query.from(), query.to(), groups,
                query.newestFirst(), offset, limit));
        return new EventLogPage(page.rows().stream().map(EventLogProjection::toView).toList(), page.total(), offset,
                limit);
    }

    private static void anyOf(List<Set<String>> groups, String field, List<String> values) {
        Set<String> keys = new LinkedHashSet<>();
        values.stream().map(value -> LogKeys.exact(field, value)).filter(Objects::nonNull).forEach(keys::add);
        if (!keys.isEmpty()) {
            groups.add(keys);
        }
    }

    private static EventLogEntryView toView(Document row) {
        return new EventLogEntryView(((Number) row.get("_id")).longValue(), row.getDate(BucketedLog.AT).toInstant(),
                row.getString("severity"), row.getString("type"), row.getString("node"), row.getString("source"),
                row.getString("description"), row.getString(BucketedLog.EVENT_ID));
    }
}
