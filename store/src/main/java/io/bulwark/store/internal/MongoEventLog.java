package io.bulwark.store.internal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.bulwark.store.EventLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@link EventLog} over the event collection. Reads windows of global indexes with {@code $in}
 * (constant time per event on the embedded server); windows are at least twice the page so that
 * the usual small gaps cost no extra round trip. A window that finds nothing while the counter
 * shows more reserved indexes means a hole (a crash abandoned part of a block): then one range
 * query jumps over it. Thread-safe.
 */
public final class MongoEventLog implements EventLog {

    /** Largest page served; bigger requests get this many events (callers page on). */
    public static final int MAX_LIMIT = 10_000;

    private final MongoCollection<BsonDocument> events;
    private final GlobalIndexAllocator allocator;
    private final EventDocuments documents;
    private final int minimumWindow;

    public MongoEventLog(MongoCollection<BsonDocument> events, GlobalIndexAllocator allocator,
            EventDocuments documents, int minimumWindow) {
        this.events = events;
        this.allocator = allocator;
        this.documents = documents;
        this.minimumWindow = minimumWindow;
    }

    @Override
    public List<StoredEvent> readAfter(long after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        int wanted = Math.min(limit, MAX_LIMIT);
        long highest = allocator.highestReserved();
        long window = Math.max(2L * wanted, minimumWindow);
        List<BsonDocument> found = new ArrayList<>();
        long from = Math.max(after + 1, 0);
        while (found.size() < wanted && from <= highest) {
            long to = Math.min(from + window - 1, highest);
            List<Long> ids = new ArrayList<>((int) (to - from + 1));
            for (long i = from; i <= to; i++) {
                ids.add(i);
            }
            List<BsonDocument> page = new ArrayList<>();
            events.find(Filters.in(EventDocuments.ID, ids)).into(page);
            if (page.isEmpty()) {
                events.find(Filters.gt(EventDocuments.ID, to)).sort(Sorts.ascending(EventDocuments.ID))
                        .limit(wanted - found.size()).into(page);
                page.sort(Comparator.comparingLong(MongoEventLog::index));
                found.addAll(page);
                break;
            }
            page.sort(Comparator.comparingLong(MongoEventLog::index));
            found.addAll(page);
            from = to + 1;
        }
        List<StoredEvent> result = new ArrayList<>(Math.min(found.size(), wanted));
        for (BsonDocument document : found) {
            if (result.size() == wanted) {
                break;
            }
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
