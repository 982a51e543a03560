package io.bulwark.admin.queue;

import static io.bulwark.admin.support.TextFilters.containsIgnoringCase;
import static io.bulwark.admin.support.TextFilters.hasText;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.bulwark.admin.support.BatchedDocuments;
import io.bulwark.admin.support.BatchedProjection;
import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.message.QueueName;
import io.bulwark.events.quarantine.RecheckOutcome;
import io.bulwark.events.quarantine.SpamQuarantineExpiredEvent;
import io.bulwark.events.quarantine.SpamQuarantineHeldEvent;
import io.bulwark.events.quarantine.SpamQuarantineRecheckedEvent;
import io.bulwark.events.quarantine.SpamQuarantineReleasedEvent;
import io.bulwark.events.queue.FindQueueCountsQuery;
import io.bulwark.events.queue.FindQueuedMessagesQuery;
import io.bulwark.events.queue.MessageHeldEvent;
import io.bulwark.events.queue.MessageReleasedEvent;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.queue.QueuedMessageDeletedEvent;
import io.bulwark.events.queue.QueuedMessageView;
import io.bulwark.events.scan.MessageDeletedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The queue view: every message that some gateway node still holds, one document per queue id in
 * the MongoDB collection {@value #COLLECTION}, built only from events (the message lifecycle events
 * and the queue control results), so it covers all nodes. Answers {@link FindQueuedMessagesQuery}
 * and {@link FindQueueCountsQuery} for the REST API and the console.
 *
 * <p>Folding: {@code MessageReceived} or {@code MessageQueued} creates the entry (queue
 * {@code INCOMING}); {@code MessageQueued} sets the queue; {@code DeliveryDeferred} sets
 * {@code DEFERRED}, the attempt, the next attempt time and the reply; {@code MessageHeld} /
 * {@code MessageReleased} set and clear the hold (a held message shows as {@code HOLD} whatever
 * its last queue); {@code SpamQuarantineHeld} puts it in {@code SPAM_QUARANTINE} until the
 * quarantine's re-check, release or expiry takes it out. {@code MessageDelivered}, {@code MessageBounced}, {@code MessageRejected},
 * {@code MessageDeleted} (policy) and {@code QueuedMessageDeleted} (administrator) remove their
 * recipients; the entry goes when none is left. So the collection holds only what is queued now,
 * which keeps the unindexed scans of the embedded store small.
 *
 * <p>Tracking processor {@value #PROCESSING_GROUP}, one thread, so events apply in stream order.
 * Replay-safe: every handler sets values (no counters), so a redelivered event changes nothing, and
 * the reset handler empties the collection, so a replay from zero rebuilds identical documents.
 */
@Component
@ProcessingGroup(QueueViewProjection.PROCESSING_GROUP)
public class QueueViewProjection implements BatchedProjection {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "queue-view";
    /** MongoDB collection. */
    public static final String COLLECTION = "queue_view";
    /** Rows returned when a query gives no limit. */
    public static final int DEFAULT_LIMIT = 100;
    /** Most rows a query returns. */
    public static final int MAX_LIMIT = 1000;

    private static final Map<String, String> SORT_FIELDS = Map.of("arrivedAt", "arrivedAt", "queue", "queue",
            "node", "nodeId", "sender", "sender", "size", "sizeBytes", "attempts", "attempts",
            "nextAttemptAt", "nextAttemptAt");

    private final MongoCollection<Document> entries;
    /** Handlers read and write through this: one bulk write per processor batch. */
    private final BatchedDocuments batch;

    public QueueViewProjection(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
        this.batch = new BatchedDocuments(entries, io.bulwark.admin.support.MessageKeys::queueId);
    }

    @Override
    public BatchedDocuments documents() {
        return batch;
    }

    @EventHandler
    void on(MessageReceivedEvent event) {
        upsert(event.message(), event.at(), entry -> {
        });
    }

    @EventHandler
    void on(MessageQueuedEvent event) {
        upsert(event.message(), event.at(), entry -> entry.put("lastQueue", event.queue()));
    }

    @EventHandler
    void on(DeliveryDeferredEvent event) {
        update(event.queueId(), event.at(), entry -> {
            entry.put("lastQueue", QueueName.DEFERRED.name());
            entry.put("attempts", Math.max(entry.getInteger("attempts", 0), event.attempt()));
            entry.put("nextAttemptAt", date(event.nextAttemptAt()));
            entry.put("lastReply", event.reply());
        });
    }

    @EventHandler
    void on(MessageHeldEvent event) {
        update(event.queueId(), event.at(), entry -> entry.put("held", true));
    }

    @EventHandler
    void on(MessageReleasedEvent event) {
        update(event.queueId(), event.at(), entry -> entry.put("held", false));
    }

    @EventHandler
    void on(SpamQuarantineHeldEvent event) {
        upsert(event.message(), event.at(), entry -> entry.put("spamQuarantine", true));
    }

    @EventHandler
    void on(SpamQuarantineRecheckedEvent event) {
        if (event.outcome() == RecheckOutcome.RELEASED) {
            update(event.queueId(), event.at(), entry -> entry.put("spamQuarantine", false));
        } else {
            update(event.queueId(), event.at(), entry -> entry.put("nextAttemptAt", date(event.nextRecheckAt())));
        }
    }

    @EventHandler
    void on(SpamQuarantineReleasedEvent event) {
        update(event.queueId(), event.at(), entry -> entry.put("spamQuarantine", false));
    }

    @EventHandler
    void on(SpamQuarantineExpiredEvent event) {
        update(event.queueId(), event.at(), entry -> entry.put("spamQuarantine", false));
    }

    @EventHandler
    void on(MessageDeliveredEvent event) {
        remove(event.message(), event.at());
    }

    @EventHandler
    void on(MessageBouncedEvent event) {
        remove(event.message(), event.at());
    }

    @EventHandler
    void on(MessageRejectedEvent event) {
        remove(event.message(), event.at());
    }

    @EventHandler
    void on(MessageDeletedEvent event) {
        remove(event.message(), event.at());
    }

    @EventHandler
    void on(QueuedMessageDeletedEvent event) {
        remove(event.message(), event.at());
    }

    @ResetHandler
    void reset() {
        batch.discard();
        entries.deleteMany(new Document());
    }

    /** Queued messages matching the query, sorted as asked (default: oldest first). */
    @QueryHandler
    public List<QueuedMessageView> find(FindQueuedMessagesQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (hasText(query.queue())) {
            filters.add(Filters.eq("queue", query.queue()));
        }
        if (hasText(query.nodeId())) {
            filters.add(Filters.eq("nodeId", query.nodeId()));
        }
        if (hasText(query.messageId())) {
            filters.add(containsIgnoringCase("messageId", query.messageId()));
        }
        if (hasText(query.sender())) {
            filters.add(containsIgnoringCase("sender", query.sender()));
        }
        if (hasText(query.recipient())) {
            filters.add(containsIgnoringCase("recipients", query.recipient()));
        }
        if (query.from() != null) {
            filters.add(Filters.gte("arrivedAt", date(query.from())));
        }
        if (query.to() != null) {
            filters.add(Filters.lt("arrivedAt", date(query.to())));
        }
        String sort = hasText(query.sort()) ? query.sort() : "arrivedAt";
        boolean descending = sort.startsWith("-");
        String field = SORT_FIELDS.get(descending ? sort.substring(1) : sort);
        if (field == null) {
            throw new IllegalArgumentException("Unknown sort '" + sort + "': one of "
                    + FindQueuedMessagesQuery.SORT_KEYS + ", '-' in front for descending");
        }
        int limit = query.limit() <= 0 ? DEFAULT_LIMIT : Math.min(query.limit(), MAX_LIMIT);
        List<QueuedMessageView> rows = new ArrayList<>();
        entries.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(descending ? Sorts.descending(field, "_id") : Sorts.ascending(field, "_id"))
                .limit(limit)
                .forEach(entry -> rows.add(view(entry)));
        return rows;
    }

    /** Messages per queue and node, by node id. Scans the collection, which holds only queued messages. */
    @QueryHandler
    public List<QueueCountsView> counts(FindQueueCountsQuery query) {
        Map<String, long[]> perNode = new TreeMap<>();
        entries.find().projection(Projections.include("nodeId", "queue")).forEach(entry -> {
            long[] counts = perNode.computeIfAbsent(entry.getString("nodeId"), k -> new long[QueueName.values().length]);
            counts[QueueName.valueOf(entry.getString("queue")).ordinal()]++;
        });
        List<QueueCountsView> rows = new ArrayList<>();
        perNode.forEach((node, c) -> rows.add(QueueCountsView.of(node, c[QueueName.INCOMING.ordinal()],
                c[QueueName.ACTIVE.ordinal()], c[QueueName.DEFERRED.ordinal()], c[QueueName.HOLD.ordinal()],
                c[QueueName.SPAM_QUARANTINE.ordinal()])));
        return rows;
    }

    private interface Change {
        void apply(Document entry);
    }

    /** Creates the entry if needed (from the message reference), then applies the change. */
    private void upsert(MessageRef message, Instant at, Change change) {
        Document entry = batch.find(message.queueId());
        if (entry == null) {
            entry = new Document("_id", message.queueId())
                    .append("nodeId", message.nodeId())
                    .append("messageId", message.messageId())
                    .append("sender", message.sender())
                    .append("recipients", new ArrayList<>(message.recipients()))
                    .append("sizeBytes", message.sizeBytes())
                    .append("arrivedAt", date(at))
                    .append("lastQueue", QueueName.INCOMING.name())
                    .append("held", false)
                    .append("attempts", 0)
                    .append("nextAttemptAt", null)
                    .append("lastReply", null);
        }
        save(entry, at, change);
    }

    /** Applies the change to an existing entry; an event for a message no longer queued changes nothing. */
    private void update(String queueId, Instant at, Change change) {
        Document entry = batch.find(queueId);
        if (entry != null) {
            save(entry, at, change);
        }
    }

    private void save(Document entry, Instant at, Change change) {
        change.apply(entry);
        // an administrator's hold shows first; the Anti-Spam Quarantine's hold before the last queue
        entry.put("queue", entry.getBoolean("held", false) ? QueueName.HOLD.name()
                : entry.getBoolean("spamQuarantine", false) ? QueueName.SPAM_QUARANTINE.name()
                : entry.getString("lastQueue"));
        entry.put("updatedAt", date(at));
        batch.replace(entry);
    }

    /** Takes the recipients off the entry; removes it when none is left. */
    private void remove(MessageRef message, Instant at) {
        Document entry = batch.find(message.queueId());
        if (entry == null) {
            return;
        }
        List<String> pending = new ArrayList<>(entry.getList("recipients", String.class));
        pending.removeAll(message.recipients());
        // A refusal that names no recipient (at MAIL) concerns the whole message.
        if (pending.isEmpty() || message.recipients().isEmpty()) {
            batch.delete(message.queueId());
        } else {
            save(entry, at, e -> e.put("recipients", pending));
        }
    }

    private static QueuedMessageView view(Document entry) {
        return new QueuedMessageView(entry.getString("_id"), entry.getString("nodeId"), entry.getString("queue"),
                entry.getString("messageId"), entry.getString("sender"), entry.getList("recipients", String.class),
                ((Number) entry.get("sizeBytes")).longValue(), instant(entry.getDate("arrivedAt")),
                instant(entry.getDate("updatedAt")), entry.getInteger("attempts", 0),
                instant(entry.getDate("nextAttemptAt")), entry.getString("lastReply"));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }


}
