package io.bulwark.admin.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

/**
 * A read model's documents, written once per processor batch instead of once per event: within a
 * batch each document is read at most once, changed in memory by every event that concerns it, and
 * all changes go to the store in one {@code bulkWrite} when the batch's last event has been handled.
 * A document created and removed within the batch (a message received and delivered between two
 * batches) costs no write at all.
 *
 * <p>The flush runs inside the handler chain, as the {@link MessageHandlerInterceptor} of the
 * projection's processor (register it with
 * {@code registerHandlerInterceptor(group, axon -> projection.documents())}), so it happens before
 * the processor stores its token: a failed flush fails the batch, the unit of work rolls back, the
 * token stays and the batch is handled again ({@code HandlerFailurePolicy}). Writing at the unit of
 * work's prepare-commit instead would run after the token is stored, and a failure there would skip
 * the batch. Axon has no Mongo transaction here, so this ordering is what keeps "retry, never skip".
 *
 * <p>Outside a batch (a handler called directly, a subscribing processor, a batch without this
 * interceptor) every change is written at once, as before.
 *
 * <p>With a key function ({@link #BatchedDocuments(MongoCollection, Function)}) the documents the
 * batch's events name are read in one {@code $in} query when the batch opens, instead of one query
 * per document: the find per message of the queue view and the tracking read model was the next
 * largest item of the store's round trips per message after the token writes (docs/benchmarks.md,
 * "Store cost per message"). An event whose key is unknown (null) is read on its own, as before.
 *
 * <p>Our own: Axon's Mongo extension has no write-behind for plain collections, and Spring Data's
 * repositories write per call. Not thread-safe: one processor thread (the projections' processors
 * are single-threaded, {@link ProjectionProcessors}).
 */
public final class BatchedDocuments implements MessageHandlerInterceptor<EventMessage<?>>,
        BatchBoundaries.WriteBehind {

    private final BatchBoundaries boundaries = new BatchBoundaries(this);

    private final MongoCollection<Document> collection;
    /** Documents of the open batch by id; null: absent (never stored, or removed in this batch). */
    private final Map<Object, Document> cache = new HashMap<>();
    /** Ids found in the store when first read in this batch (only those need a delete). */
    private final Set<Object> stored = new HashSet<>();
    private final Set<Object> changed = new LinkedHashSet<>();
    private boolean open;
    /** The id of the document an event changes, or null when unknown; null: no reading ahead. */
    private final Function<EventMessage<?>, Object> keyOf;

    public BatchedDocuments(MongoCollection<Document> collection) {
        this(collection, null);
    }

    /**
     * @param keyOf the {@code _id} of the document an event of the batch changes (null when it cannot
     *              tell); the documents of a whole batch are then read in one query
     */
    public BatchedDocuments(MongoCollection<Document> collection, Function<EventMessage<?>, Object> keyOf) {
        this.collection = collection;
        this.keyOf = keyOf;
    }

    /** Reads the documents the batch's events name in one query; ids not found are known absent. */
    private void readAhead(List<?> messages) {
        Set<Object> ids = new LinkedHashSet<>();
        for (Object message : messages) {
            Object id = keyOf.apply((EventMessage<?>) message);
            if (id != null) {
                ids.add(id);
            }
        }
        if (ids.size() < 2) {
            return; // one id costs one query either way
        }
        for (Document document : collection.find(Filters.in("_id", ids))) {
            Object id = document.get("_id");
            cache.put(id, document);
            stored.add(id);
        }
        for (Object id : ids) {
            cache.putIfAbsent(id, null);
        }
    }

    /** The document with this id as the batch sees it, or null. */
    public Document find(Object id) {
        if (!open) {
            return collection.find(Filters.eq("_id", id)).first();
        }
        if (cache.containsKey(id)) {
            return cache.get(id);
        }
        Document document = collection.find(Filters.eq("_id", id)).first();
        cache.put(id, document);
        if (document != null) {
            stored.add(id);
        }
        return document;
    }

    /** Stores the document (by its {@code _id}), replacing any before it. */
    public void replace(Document document) {
        Object id = document.get("_id");
        if (!open) {
            collection.replaceOne(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true));
            return;
        }
        cache.put(id, document);
        changed.add(id);
    }

    /** Removes the document with this id. */
    public void delete(Object id) {
        if (!open) {
            collection.deleteOne(Filters.eq("_id", id));
            return;
        }
        cache.put(id, null);
        changed.add(id);
    }

    /** Forgets the open batch's changes (a reset, or a batch that rolled back). */
    @Override
    public void discard() {
        cache.clear();
        stored.clear();
        changed.clear();
        open = false;
    }

    /** Writes the open batch's changes in one bulk write and closes the batch. */
    @Override
    public void flush() {
        List<WriteModel<Document>> writes = new ArrayList<>(changed.size());
        for (Object id : changed) {
            Document document = cache.get(id);
            if (document != null) {
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true)));
            } else if (stored.contains(id)) {
                writes.add(new DeleteOneModel<>(Filters.eq("_id", id)));
            }
        }
        discard();
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(true));
        }
    }

    /** Opens a batch at its first event and flushes it after its last; see the class comment. */
    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        return boundaries.handle(unitOfWork, interceptorChain);
    }

    /** A batch begins: forget any leftover, then read its documents ahead when keys are known. */
    @Override
    public void open(List<?> messages) {
        discard();
        open = true;
        if (keyOf != null) {
            readAhead(messages);
        }
    }
}
