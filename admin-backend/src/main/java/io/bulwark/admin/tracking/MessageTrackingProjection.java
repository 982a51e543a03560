package io.bulwark.admin.tracking;

import static io.bulwark.admin.support.TextFilters.containsIgnoringCase;
import static io.bulwark.admin.support.TextFilters.hasText;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.bulwark.admin.support.BatchedDocuments;
import io.bulwark.admin.support.BatchedProjection;
import io.bulwark.admin.tracking.internal.TrackedMessage;
import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.query.FindMessagesQuery;
import io.bulwark.events.query.MessageTrackingView;
import java.time.Instant;
import io.bulwark.events.scan.ProtectionModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import io.bulwark.events.queue.DeliveryForcedEvent;
import io.bulwark.events.queue.MessageHeldEvent;
import io.bulwark.events.queue.MessageReleasedEvent;
import io.bulwark.events.queue.QueuedMessageDeletedEvent;
import io.bulwark.events.scan.MessageDeletedEvent;
import io.bulwark.events.scan.MessageScannedEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Message tracking: one document per message (the queue id is {@code _id}) in the MongoDB collection
 * {@value #COLLECTION}, with its current status, per-recipient state and history; and the query
 * handler for {@link FindMessagesQuery}, used by the REST API and the console.
 *
 * <p>Runs in the tracking processor {@value #PROCESSING_GROUP}. Each event is a read-modify-write of
 * its message's document; Axon's default sequencing policy (per aggregate, i.e. per queue id) keeps
 * the events of one message on one thread and in order. Replay-safe: history entries are keyed by
 * event identifier, a redelivered event changes nothing, and a reset empties the collection so a
 * replay from zero rebuilds identical documents. The folding rules are in {@link TrackedMessage}.
 *
 * <p>On the embedded store every filtered or sorted query scans the collection, hence the hard
 * {@link #MAX_LIMIT}.
 */
@Component
@ProcessingGroup(MessageTrackingProjection.PROCESSING_GROUP)
public class MessageTrackingProjection implements BatchedProjection {

    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "message-tracking";
    /** MongoDB collection of the projection. */
    public static final String COLLECTION = "message_tracking";
    /** Rows returned when the query's limit is 0 or less. */
    public static final int DEFAULT_LIMIT = 100;
    /** Most rows a query returns. */
    public static final int MAX_LIMIT = 1000;

    private final MongoCollection<Document> messages;
    /** Handlers read and write through this: one bulk write per processor batch. */
    private final BatchedDocuments batch;

    public MessageTrackingProjection(MongoDatabase database) {
        this.messages = database.getCollection(COLLECTION);
        this.batch = new BatchedDocuments(messages, io.bulwark.admin.support.MessageKeys::queueId);
        // Serve the default "newest first" listing and each filter on a real MongoDB; idempotent.
        // Exact filters (status, a module's status) get compound indexes that also give the order;
        // the "contains" filters (rule, client address, Message-ID) are unanchored regular
        // expressions, which MongoDB answers by scanning the field's index keys instead of every
        // document. The embedded store ignores them and scans (hence MAX_LIMIT).
        messages.createIndex(Indexes.descending("receivedAt"));
        messages.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("receivedAt")));
        for (ProtectionModule module : ProtectionModule.values()) {
            messages.createIndex(Indexes.compoundIndex(Indexes.ascending("modules." + module.name()),
                    Indexes.descending("receivedAt")));
        }
        messages.createIndex(Indexes.ascending("rules"));
        messages.createIndex(Indexes.ascending("clientAddress"));
        messages.createIndex(Indexes.ascending("messageId"));
    }

    @EventHandler
    void on(MessageEvent event, @MessageIdentifier String eventId, @Timestamp Instant timestamp) {
        update(event.queueId(), message -> message.apply(eventId, event, timestamp));
    }

    @EventHandler
    void on(MessageScannedEvent event, @MessageIdentifier String eventId, @Timestamp Instant timestamp) {
        update(event.message().queueId(), message -> message.applyPolicy(eventId, event, timestamp));
    }

    @EventHandler
    void on(MessageDeletedEvent event, @MessageIdentifier String eventId, @Timestamp Instant timestamp) {
        update(event.message().queueId(), message -> message.applyPolicy(eventId, event, timestamp));
    }

    @EventHandler
    void on(MessageHeldEvent e, @MessageIdentifier String eventId, @Timestamp Instant timestamp) {
        update(e.message().queueId(), m -> m.applyQueueAction(eventId, "MessageHeld", e.message(), e.actor(), e.at(), timestamp));
    }

    @EventHandler
    void on(MessageReleasedEvent e, @MessageIdentifier String eventId, @Timestamp Instant timestamp) {
        update(e.message().queueId(),
                m -> m.applyQueueAction(eventId, "MessageReleased", e.message(), e.actor(), e.at(), timestamp));
    }

    @EventHandler
    void on(DeliveryForcedEvent e, @MessageIdentifier String eventId, @Timestamp Instant timestamp) {
        update(e.message().queueId(),
                m -> m.applyQueueAction(eventId, "DeliveryForced", e.message(), e.actor(), e.at(), timestamp));
    }

    @EventHandler
    void on(QueuedMessageDeletedEvent e, @MessageIdentifier String eventId, @Timestamp Instant timestamp) {
        update(e.message().queueId(),
                m -> m.applyQueueAction(eventId, "QueuedMessageDeleted", e.message(), e.actor(), e.at(), timestamp));
    }

    @Override
    public BatchedDocuments documents() {
        return batch;
    }

    private void update(String queueId, java.util.function.Predicate<TrackedMessage> change) {
        Document stored = batch.find(queueId);
        TrackedMessage message = stored == null ? new TrackedMessage(queueId) : TrackedMessage.fromDocument(stored);
        if (change.test(message)) {
            batch.replace(message.toDocument());
        }
    }

    @ResetHandler
    void reset() {
        batch.discard();
        messages.deleteMany(new Document());
    }

    /** Messages matching the query, newest first (by received time, then queue id). */
    @QueryHandler
    public List<MessageTrackingView> find(FindMessagesQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (hasText(query.sender())) {
            filters.add(containsIgnoringCase("sender", query.sender()));
        }
        if (hasText(query.recipient())) {
            filters.add(containsIgnoringCase("recipients", query.recipient()));
        }
        if (hasText(query.status())) {
            filters.add(Filters.eq("status", query.status()));
        }
        if (hasText(query.module()) && hasText(query.moduleStatus())) {
            filters.add(Filters.eq("modules." + query.module(), query.moduleStatus()));
        } else if (hasText(query.module())) {
            filters.add(Filters.exists("modules." + query.module()));
        } else if (hasText(query.moduleStatus())) {
            filters.add(Filters.or(Arrays.stream(ProtectionModule.values())
                    .map(module -> Filters.eq("modules." + module.name(), query.moduleStatus())).toList()));
        }
        if (hasText(query.rule())) {
            filters.add(containsIgnoringCase("rules", query.rule()));
        }
        if (hasText(query.clientAddress())) {
            filters.add(containsIgnoringCase("clientAddress", query.clientAddress()));
        }
        if (hasText(query.messageId())) {
            filters.add(containsIgnoringCase("messageId", query.messageId()));
        }
        if (query.from() != null) {
            filters.add(Filters.gte("receivedAt", Date.from(query.from())));
        }
        if (query.to() != null) {
            filters.add(Filters.lt("receivedAt", Date.from(query.to())));
        }
        int limit = query.limit() <= 0 ? DEFAULT_LIMIT : Math.min(query.limit(), MAX_LIMIT);
        List<MessageTrackingView> rows = new ArrayList<>();
        messages.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.descending("receivedAt", "_id"))
                .limit(limit)
                .forEach(document -> rows.add(TrackedMessage.fromDocument(document).toView()));
        return rows;
    }


}
