package io.bulwark.admin.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.bulwark.admin.audit.internal.BucketedLog;
import io.bulwark.admin.audit.internal.LogKeys;
import io.bulwark.events.admin.AdminAccountCreatedEvent;
import io.bulwark.events.audit.AuditEntriesPage;
import io.bulwark.events.audit.AuditEntryView;
import io.bulwark.events.audit.AuditEntryView.SettingChange;
import io.bulwark.events.audit.FindAuditEntriesQuery;
import io.bulwark.events.audit.FindAuditTypesQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * The audit log: one entry per administrative action and authentication event, with time, subject
 * (user, role, source address), type, object, result, description and the settings changed as
 * {@code path[old][new]}. Which events count and what they say is the {@link AuditCatalog}'s; the
 * entries live in a {@link BucketedLog} ({@value #COLLECTION}), which keeps paging and the five
 * filters fast at a million entries (docs/adr/0020-audit-log-and-reports.md).
 *
 * <p>What the projection remembers between events, so that it needs no other read model and a
 * replay reproduces the same entries, is in {@value #STATE_COLLECTION}: each account's role (from
 * {@link AdminAccountCreatedEvent}) and each object's last name and settings (for the diffs).
 *
 * <p>The source address of an action comes from the event itself (logins) or from the event's
 * metadata {@value AuditMetadata#REMOTE_ADDRESS}, which {@link AuditMetadata} adds to commands and
 * events dispatched on a request thread.
 *
 * <p>Runs in the tracking processor {@value #PROCESSING_GROUP} (one thread). Replay-safe: entries
 * are keyed by event id, and a reset empties both collections.
 */
@Component
@ProcessingGroup(AuditLogProjection.PROCESSING_GROUP)
public class AuditLogProjection {

    public static final String PROCESSING_GROUP = "audit-log";
    public static final String COLLECTION = "audit_log";
    public static final String STATE_COLLECTION = "audit_log_state";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    private final BucketedLog log;
    private final MongoCollection<Document> state;
    private final AuditCatalog catalog;
    private final SettingsDiff diff;

    @Autowired
    public AuditLogProjection(MongoDatabase database, ObjectMapper mapper, List<AuditMappings> contributions) {
        this.log = new BucketedLog(database, COLLECTION);
        this.state = database.getCollection(STATE_COLLECTION);
        this.catalog = AuditCatalog.standard();
        contributions.forEach(contribution -> contribution.register(catalog));
        this.diff = new SettingsDiff(mapper);
    }

    /** With the standard catalog and a plain mapper (tests, benchmarks). */
    public AuditLogProjection(MongoDatabase database) {
        this(database, new ObjectMapper().findAndRegisterModules(), List.of());
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        if (payload instanceof AdminAccountCreatedEvent created) {
            state.replaceOne(Filters.eq("_id", roleId(created.username())),
                    new Document("_id", roleId(created.username())).append("role", created.role()),
                    new ReplaceOptions().upsert(true));
        }
        catalog.describe(payload).ifPresent(described -> {
            Object address = message.getMetaData().get(AuditMetadata.REMOTE_ADDRESS);
            append(message.getIdentifier(), AuditCatalog.timeOf(payload, message.getTimestamp()), described,
                    address == null ? null : address.toString());
        });
    }

    private void append(String eventId, Instant at, AuditCatalog.Described described, String metadataAddress) {
        AuditFacts facts = described.facts();
        String address = facts.address() != null ? facts.address() : metadataAddress;
        String role = roleOf(facts.user());
        String object = null;
        List<SettingChange> changes = List.of();
        if (facts.objectKind() != null) {
            String id = objectId(facts.objectKind(), facts.objectKey());
            Document known = state.find(Filters.eq("_id", id)).first();
            String name = facts.objectName() != null ? facts.objectName()
                    : known == null ? null : known.getString("name");
            object = display(facts.objectKind(), facts.objectKey(), name);
            Map<String, String> before = facts.settingsBefore() != null ? diff.flatten(facts.settingsBefore())
                    : known == null ? Map.of() : settingsOf(known);
            Map<String, String> after;
            if (facts.settings() != null) {
                after = diff.flatten(facts.settings());
            } else {
                after = new LinkedHashMap<>(before);
                facts.patches().forEach(patch -> after.put(patch.path(), patch.value()));
            }
            changes = SettingsDiff.changes(before, after);
            if (facts.forget()) {
                state.deleteOne(Filters.eq("_id", id));
            } else {
                remember(id, name, after);
            }
        }
        for (AuditFacts.Remembered other : facts.remembered()) {
            remember(objectId(other.objectKind(), other.objectKey()), other.objectName(),
                    diff.flatten(other.settings()));
        }
        String description = facts.description() == null ? AuditCatalog.words(described.type())
                : facts.description().replace("{object}", object == null ? "" : object);
        log.append(List.of(row(eventId, at, new AuditEntryView(0, at, described.type(), described.category(),
                facts.user(), role, address, object, facts.result(), description, changes, eventId))));
    }

    /**
     * An entry as the log stores it: its fields, and the keys the five filters find it by (type,
     * category, result, each of user, role and address as subject, and the word prefixes of the
     * description and object). Public for the benchmark, which fills a log with a million entries
     * without going through events.
     */
    public static BucketedLog.NewRow row(String eventId, Instant at, AuditEntryView entry) {
        Document fields = new Document("type", entry.type())
                .append("category", entry.category())
                .append("user", entry.user())
                .append("role", entry.role())
                .append("address", entry.address())
                .append("object", entry.object())
                .append("result", entry.result())
                .append("description", entry.description())
                .append("changes", entry.changes().stream()
                        .map(c -> new Document("path", c.path()).append("old", c.oldValue()).append("new", c.newValue()))
                        .toList());
        Set<String> keys = new LinkedHashSet<>();
        keys.add(LogKeys.exact("type", entry.type()));
        keys.add(LogKeys.exact("category", entry.category()));
        keys.add(LogKeys.exact("result", entry.result()));
        for (String subject : new String[] {entry.user(), entry.role(), entry.address()}) {
            String key = LogKeys.exact("subject", subject);
            if (key != null) {
                keys.add(key);
            }
        }
        keys.addAll(LogKeys.wordPrefixes(entry.description(), entry.object()));
        return new BucketedLog.NewRow(eventId, at, fields, keys);
    }

    /** The log itself (the benchmark fills it in bulk). */
    public BucketedLog log() {
        return log;
    }

    private void remember(String id, String name, Map<String, String> settings) {
        List<List<String>> pairs = new ArrayList<>();
        settings.forEach((path, value) -> pairs.add(java.util.Arrays.asList(path, value)));
        state.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("name", name).append("settings", pairs),
                new ReplaceOptions().upsert(true));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> settingsOf(Document known) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<List<String>> pairs = (List<List<String>>) known.get("settings");
        if (pairs != null) {
            pairs.forEach(pair -> settings.put(pair.get(0), pair.get(1)));
        }
        return settings;
    }

    private String roleOf(String user) {
        if (user == null) {
            return null;
        }
        if ("system".equals(user)) {
            return "system";
        }
        Document known = state.find(Filters.eq("_id", roleId(user))).first();
        return known == null ? null : known.getString("role");
    }

    private static String roleId(String user) {
        return "role|" + user;
    }

    private static String objectId(String kind, String key) {
        return "obj|" + kind + "|" + key;
    }

    /** {@code rule "Default" (r-1)}, or {@code account alice} for an object without a separate name. */
    static String display(String kind, String key, String name) {
        if (name == null || name.equals(key)) {
            return kind + " " + key;
        }
        return kind + " \"" + name + "\" (" + key + ")";
    }

    @ResetHandler
    void reset() {
        log.clear();
        state.deleteMany(new Document());
    }

    /** One page of entries matching the query's filters, and how many match. */
    @QueryHandler
    public AuditEntriesPage find(FindAuditEntriesQuery query) {
        List<Set<String>> groups = new ArrayList<>();
        if (!query.types().isEmpty()) {
            Set<String> types = new LinkedHashSet<>();
            query.types().stream().map(type -> LogKeys.exact("type", type)).filter(Objects::nonNull).forEach(types::add);
            if (!types.isEmpty()) {
                groups.add(types);
            }
        }
        addExact(groups, "subject", query.subject());
        addExact(groups, "result", query.result());
        LogKeys.queryWords(query.text()).forEach(word -> groups.add(Set.of(word)));
        int limit = query.limit() <= 0 ? DEFAULT_LIMIT : Math.min(query.limit(), MAX_LIMIT);
        int offset = Math.max(0, query.offset());
        BucketedLog.Page page = log.find(new BucketedLog.Criteria(query.from(), query.to(), groups,
                query.newestFirst(), offset, limit));
        return new AuditEntriesPage(page.rows().stream().map(AuditLogProjection::toView).toList(), page.total(),
                offset, limit);
    }

    /** The types the type filter offers. */
    @QueryHandler
    public List<String> types(FindAuditTypesQuery query) {
        return List.copyOf(catalog.types());
    }

    private static void addExact(List<Set<String>> groups, String field, String value) {
        String key = LogKeys.exact(field, value);
        if (key != null) {
            groups.add(Set.of(key));
        }
    }

    @SuppressWarnings("unchecked")
    private static AuditEntryView toView(Document row) {
        List<SettingChange> changes = new ArrayList<>();
        List<Document> stored = (List<Document>) row.get("changes");
        if (stored != null) {
            stored.forEach(c -> changes.add(new SettingChange(c.getString("path"), c.getString("old"), c.getString("new"))));
        }
        return new AuditEntryView(((Number) row.get("_id")).longValue(), row.getDate(BucketedLog.AT).toInstant(),
                row.getString("type"), row.getString("category"), row.getString("user"), row.getString("role"),
                row.getString("address"), row.getString("object"), row.getString("result"),
                row.getString("description"), changes, row.getString(BucketedLog.EVENT_ID));
    }
}
