package io.bulwark.store.internal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.bulwark.store.EventLog;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@link EventLog} over the event collection. A page is one range query on the global index
 * ({@code _id > after}, sorted, limited to the page), which both MongoDB and the embedded server
 * answer by walking the {@code _id} index from {@code after}: holes cost nothing, and a reader at the
 * head of the log (the history sealer, once a second) touches no document. It used to read windows
 * of ids with {@code $in} and fall back to this range query, which the embedded server then answered
 * by comparing every stored event (docs/event-store.md, "What the store examines"). Thread-safe.
 */
public final class MongoEventLog implements EventLog {

    /** Largest page served; bigger requests get this many events (callers page on). */
    public static final int MAX_LIMIT = 10_000;

    private final MongoCollection<BsonDocument> events;
    private final EventDocuments documents;

    public MongoEventLog(MongoCollection<BsonDocument> events, EventDocuments documents) {
        this.events = events;
        this.documents = documents;
    }

    /**
     * Documents per reply when events are read in order (the cursor's batch size; more come by
     * getMore). Stored events are 1-6 KB, so a reply stays under half a megabyte: the 100-500 events
     * of one unbounded reply were 1.4 MB, which the driver's Unix socket read and its document
     * decoder each copied into a "humongous" array, and those arrays kept G1's concurrent cycles
     * going (docs/benchmarks.md, eighth session).
     */
    private static final int REPLY_EVENTS = 64;

    /**
     * Adds to {@code into} the stored events after global index {@code after}, in global order, at
     * most {@code limit}, {@link #REPLY_EVENTS} to a reply; the one way the history and the tracking
     * processors read the event collection in order.
     */
    public static List<BsonDocument> readInOrder(MongoCollection<BsonDocument> events, long after, int limit,
            List<BsonDocument> into) {
        return events.find(Filters.gt(EventDocuments.ID, after)).sort(Sorts.ascending(EventDocuments.ID))
                .limit(limit).batchSize(REPLY_EVENTS).into(into);
    }

    @Override
    public List<StoredEvent> readAfter(long after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        int wanted = Math.min(limit, MAX_LIMIT);
        // read whole first (into closes the cursor), then converted: a document that fails to convert
        // must not leave a server cursor open between replies
        List<BsonDocument> documents = readInOrder(events, after, wanted, new ArrayList<>());
        List<StoredEvent> result = new ArrayList<>(documents.size());
        for (BsonDocument document : documents) {
            result.add(toStoredEvent(document));
        }
        return result;
    }

    private StoredEvent toStoredEvent(BsonDocument document) {
        BsonValue type = document.get(EventDocuments.TYPE);
        String eventId = document.getString(EventDocuments.EVENT_ID).getValue();
        long sequence = document.get(EventDocuments.SEQUENCE).asNumber().longValue();
        // Events outside an aggregate are stored as their own "aggregate" (id = event id, seq 0, no type).
        boolean domain = (type != null && !type.isNull())
                || !document.getString(EventDocuments.AGGREGATE_ID).getValue().equals(eventId) || sequence != 0;
        BsonValue revision = document.get(EventDocuments.PAYLOAD_REVISION);
        return new StoredEvent(index(document),
                eventId,
                document.getString(EventDocuments.PAYLOAD_TYPE).getValue(),
                revision == null || revision.isNull() ? null : revision.asString().getValue(),
                document.getString(EventDocuments.TIMESTAMP).getValue(),
                domain ? document.getString(EventDocuments.AGGREGATE_ID).getValue() : null,
                domain ? Long.valueOf(sequence) : null,
                documents.payloadJson(document),
                documents.metaDataJson(document));
    }

    private static long index(BsonDocument document) {
        return document.get(EventDocuments.ID).asNumber().longValue();
    }
}
