package io.bulwark.admin.antivirus;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.bulwark.events.antivirus.AntivirusDatabase;
import io.bulwark.events.antivirus.AntivirusDatabaseUpdateFailedEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesOutOfDateEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesUpToDateEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesUpdatedEvent;
import io.bulwark.events.antivirus.AntivirusNodeView;
import io.bulwark.events.antivirus.AntivirusUpdateRequestedEvent;
import io.bulwark.events.antivirus.AntivirusUpdateResult;
import io.bulwark.events.antivirus.FindAntivirusDatabasesQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The latest signature database state per gateway node, one document per node in
 * {@value #COLLECTION}: the databases in use (names, versions, records, publishing times), how the
 * last update attempt ended, whether the node said its databases are out of date, and the last
 * administrator's request. Answers {@link FindAntivirusDatabasesQuery}.
 *
 * <p>Tracking processor {@value #PROCESSING_GROUP}; every handler sets values from its event alone
 * (no counters), and the reset handler empties the collection, so a replay from zero rebuilds the
 * same documents. A request for every node ({@code nodeId} null) is remembered under
 * {@value #ALL_NODES} and shown on every node that has not had a later one of its own.
 */
@Component
@ProcessingGroup(AntivirusDatabasesProjection.PROCESSING_GROUP)
public class AntivirusDatabasesProjection {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "antivirus-databases";
    /** MongoDB collection. */
    public static final String COLLECTION = "antivirus_databases";
    /** The document id of requests for every node. */
    static final String ALL_NODES = "*";

    private final MongoCollection<Document> nodes;

    public AntivirusDatabasesProjection(MongoDatabase database) {
        this.nodes = database.getCollection(COLLECTION);
    }

    @EventHandler
    void on(AntivirusDatabasesUpdatedEvent event) {
        Document node = state(event.nodeId(), event.databases(), event.records(), event.publishedAt());
        result(node, AntivirusUpdateResult.UPDATED, null, event.at());
        node.put("lastUpdatedAt", Date.from(event.at()));
        node.put("outOfDate", false);
        save(node);
    }

    @EventHandler
    void on(AntivirusDatabasesUpToDateEvent event) {
        Document node = state(event.nodeId(), event.databases(), event.records(), event.publishedAt());
        result(node, AntivirusUpdateResult.UP_TO_DATE, null, event.at());
        save(node);
    }

    @EventHandler
    void on(AntivirusDatabaseUpdateFailedEvent event) {
        Document node = state(event.nodeId(), event.databases(), event.records(), event.publishedAt());
        result(node, AntivirusUpdateResult.FAILED, event.reason(), event.at());
        save(node);
    }

    @EventHandler
    void on(AntivirusDatabasesOutOfDateEvent event) {
        Document node = state(event.nodeId(), event.databases(), event.records(), event.publishedAt());
        node.put("outOfDate", true);
        save(node);
    }

    @EventHandler
    void on(AntivirusUpdateRequestedEvent event) {
        Document node = find(event.nodeId() == null ? ALL_NODES : event.nodeId());
        node.put("requestedAt", Date.from(event.at()));
        node.put("requestedBy", event.actor());
        save(node);
    }

    @ResetHandler
    void reset() {
        nodes.deleteMany(new Document());
    }

    /** Every node that reported its databases, by id. */
    @QueryHandler
    public List<AntivirusNodeView> find(FindAntivirusDatabasesQuery query) {
        Document all = nodes.find(Filters.eq("_id", ALL_NODES)).first();
        List<AntivirusNodeView> rows = new ArrayList<>();
        nodes.find(Filters.ne("_id", ALL_NODES)).sort(Sorts.ascending("_id")).forEach(node -> {
            Instant requestedAt = instant(node.getDate("requestedAt"));
            String requestedBy = node.getString("requestedBy");
            Instant allAt = all == null ? null : instant(all.getDate("requestedAt"));
            if (allAt != null && (requestedAt == null || allAt.isAfter(requestedAt))) {
                requestedAt = allAt;
                requestedBy = all.getString("requestedBy");
            }
            String result = node.getString("lastResult");
            rows.add(new AntivirusNodeView(node.getString("_id"), databases(node), node.get("records", 0L),
                    instant(node.getDate("publishedAt")), result == null ? null : AntivirusUpdateResult.valueOf(result),
                    node.getString("lastReason"), instant(node.getDate("lastCheckedAt")),
                    instant(node.getDate("lastUpdatedAt")), node.getBoolean("outOfDate", false), requestedAt,
                    requestedBy));
        });
        return rows;
    }

    private Document state(String nodeId, List<AntivirusDatabase> databases, long records, Instant publishedAt) {
        Document node = find(nodeId);
        List<Document> list = new ArrayList<>();
        for (AntivirusDatabase d : databases) {
            list.add(new Document("name", d.name()).append("version", d.version()).append("records", d.records())
                    .append("publishedAt", d.publishedAt() == null ? null : Date.from(d.publishedAt())));
        }
        node.put("databases", list);
        node.put("records", records);
        node.put("publishedAt", publishedAt == null ? null : Date.from(publishedAt));
        return node;
    }

    private static void result(Document node, AntivirusUpdateResult result, String reason, Instant at) {
        node.put("lastResult", result.name());
        node.put("lastReason", reason);
        node.put("lastCheckedAt", Date.from(at));
    }

    private static List<AntivirusDatabase> databases(Document node) {
        List<AntivirusDatabase> out = new ArrayList<>();
        for (Document d : node.getList("databases", Document.class, List.of())) {
            out.add(new AntivirusDatabase(d.getString("name"), d.getInteger("version", 0), d.get("records", 0L),
                    instant(d.getDate("publishedAt"))));
        }
        return out;
    }

    private Document find(String nodeId) {
        Document node = nodes.find(Filters.eq("_id", nodeId)).first();
        return node != null ? node : new Document("_id", nodeId);
    }

    private void save(Document node) {
        nodes.replaceOne(Filters.eq("_id", node.get("_id")), node, new ReplaceOptions().upsert(true));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
