package io.bulwark.admin.queue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.bulwark.events.queue.FindNodesQuery;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.NodeTrafficChangedEvent;
import io.bulwark.events.queue.NodeTrafficStateReportedEvent;
import io.bulwark.events.queue.TrafficDirection;
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
 * The gateway nodes and their receiving / sending switches, one document per node in
 * {@value #COLLECTION}, from what the nodes report: {@link NodeTrafficStateReportedEvent} at each
 * start and {@link NodeTrafficChangedEvent} when they apply a switch. Answers {@link FindNodesQuery}.
 *
 * <p>Tracking processor {@value #PROCESSING_GROUP}; every handler sets values, and the reset handler
 * empties the collection, so a replay from zero rebuilds the same documents.
 */
@Component
@ProcessingGroup(NodeStatusProjection.PROCESSING_GROUP)
public class NodeStatusProjection {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "queue-nodes";
    /** MongoDB collection. */
    public static final String COLLECTION = "queue_nodes";

    private final MongoCollection<Document> nodes;

    public NodeStatusProjection(MongoDatabase database) {
        this.nodes = database.getCollection(COLLECTION);
    }

    @EventHandler
    void on(NodeTrafficStateReportedEvent event) {
        Document node = find(event.nodeId());
        node.put("listening", event.listening());
        node.put("receiving", event.receiving());
        node.put("sending", event.sending());
        node.put("startedAt", Date.from(event.at()));
        save(node);
    }

    @EventHandler
    void on(NodeTrafficChangedEvent event) {
        Document node = find(event.nodeId());
        node.put(event.direction() == TrafficDirection.RECEIVING ? "receiving" : "sending", event.enabled());
        node.put("changedAt", Date.from(event.at()));
        node.put("changedBy", event.actor());
        save(node);
    }

    @ResetHandler
    void reset() {
        nodes.deleteMany(new Document());
    }

    /** Every node that ever reported, by id. */
    @QueryHandler
    public List<NodeStatusView> find(FindNodesQuery query) {
        List<NodeStatusView> rows = new ArrayList<>();
        nodes.find().sort(Sorts.ascending("_id")).forEach(node -> rows.add(new NodeStatusView(node.getString("_id"),
                node.getBoolean("listening", true), node.getBoolean("receiving", true),
                node.getBoolean("sending", true), instant(node.getDate("startedAt")),
                instant(node.getDate("changedAt")), node.getString("changedBy"))));
        return rows;
    }

    private Document find(String nodeId) {
        Document node = nodes.find(Filters.eq("_id", nodeId)).first();
        // A node first seen switching (its start report is older than this projection's events): on by default.
        return node != null ? node : new Document("_id", nodeId).append("listening", true)
                .append("receiving", true).append("sending", true);
    }

    private void save(Document node) {
        nodes.replaceOne(Filters.eq("_id", node.get("_id")), node, new ReplaceOptions().upsert(true));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
