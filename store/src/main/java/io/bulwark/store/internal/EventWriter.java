package io.bulwark.store.internal;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import io.bulwark.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;

/**
 * Inserts prepared events with global indexes, and classifies duplicate-key failures without
 * parsing server messages (which differ between MongoDB and the embedded server): after a
 * duplicate key, one {@code $in} lookup by event identifier tells "already stored" (idempotent
 * success), one by aggregateSequence tells "another event took this sequence number" (concurrency
 * failure); anything else was a clash on the global index (a counter reset or restored backup) and
 * the event is retried with a fresh index.
 *
 * <p>Events whose identifier is already stored are found with one {@code $in} before any index is
 * assigned and reported as stored without an insert. Writers re-append on purpose (the gateway
 * re-emits a message's events after a crash, so nothing acknowledged is lost), and a re-appended
 * event that went to the insert would burn its global index: every reader would then carry that
 * index as a gap in its token until the gap timeout. Measured before this check: three burnt
 * indexes per delivered message, about 7,600 gaps per token under load, each read looking all of
 * them up, and the heap filled with token copies (docs/benchmarks.md, "what the profile showed").
 *
 * <p>Thread-safe (stateless apart from the thread-safe allocator and collection).
 */
public final class EventWriter {

    /** Stop retrying global-index clashes after this many rounds; it means the counter is broken. */
    private static final int MAX_ROUNDS = 10;
    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<BsonDocument> events;
    private final GlobalIndexAllocator allocator;
    private final Clock clock;

    public EventWriter(MongoCollection<BsonDocument> events, GlobalIndexAllocator allocator, Clock clock) {
        this.events = events;
        this.allocator = allocator;
        this.clock = clock;
    }

    /**
     * Inserts the events. Returns one entry per event: {@code null} if it is stored (now or before),
     * else the reason it is not.
     *
     * @param ordered if true, stop at the first event that cannot be stored (the rest are reported as
     *                not stored): used for one unit of work's events, where a later event of an
     *                aggregate must not be stored after an earlier one was refused. If false, each
     *                event stands alone (the appender's batches mix many callers).
     */
    public List<RuntimeException> insert(List<PreparedEvent> prepared, boolean ordered) {
        int size = prepared.size();
        List<RuntimeException> outcome = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            outcome.add(null);
        }
        long[] indexes = new long[size];
        boolean[] hasIndex = new boolean[size];
        Set<String> alreadyStored;
        try {
            alreadyStored = existing(EventDocuments.EVENT_ID,
                    prepared.stream().map(PreparedEvent::eventIdentifier).toList());
        } catch (MongoException e) {
            StoreUnavailableException failure = new StoreUnavailableException("Could not insert events", e);
            return new ArrayList<>(Collections.nCopies(size, failure));
        }
        List<Integer> pending = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (!alreadyStored.contains(prepared.get(i).eventIdentifier())) {
                pending.add(i);
            }
        }
        int rounds = 0;
        while (!pending.isEmpty()) {
            if (++rounds > MAX_ROUNDS) {
                StoreUnavailableException broken = new StoreUnavailableException(
                        "Global index keeps clashing with stored events; is the counter document intact?");
                pending.forEach(i -> outcome.set(i, broken));
                break;
            }
            assignIndexes(pending, indexes, hasIndex);
            Instant storedAt = clock.instant();
            List<BsonDocument> documents = new ArrayList<>(pending.size());
            for (int i : pending) {
                documents.add(EventDocuments.forInsert(prepared.get(i), indexes[i], storedAt));
            }
            try {
                events.insertMany(documents, new InsertManyOptions().ordered(ordered));
                StoreFlightEvents.stored(prepared, pending);
                pending = List.of();
            } catch (MongoBulkWriteException e) {
                pending = handleBulkFailure(e, prepared, pending, hasIndex, outcome, ordered);
            } catch (MongoException e) {
                StoreUnavailableException failure = new StoreUnavailableException("Could not insert events", e);
                pending.forEach(i -> outcome.set(i, failure));
                pending = List.of();
            }
        }
        return outcome;
    }

    private void assignIndexes(List<Integer> pending, long[] indexes, boolean[] hasIndex) {
        int missing = 0;
        for (int i : pending) {
            if (!hasIndex[i]) {
                missing++;
            }
        }
        if (missing == 0) {
            return;
        }
        long[] allocated = allocator.allocate(missing);
        int next = 0;
        for (int i : pending) {
            if (!hasIndex[i]) {
                indexes[i] = allocated[next++];
                hasIndex[i] = true;
            }
        }
    }

    private List<Integer> handleBulkFailure(MongoBulkWriteException e, List<PreparedEvent> prepared,
            List<Integer> attempted, boolean[] hasIndex, List<RuntimeException> outcome, boolean ordered) {
        List<BulkWriteError> errors = e.getWriteErrors();
        if (errors.isEmpty()) {
            // Only a write-concern error: the writes happened but may not be durable on a majority.
            StoreUnavailableException failure = new StoreUnavailableException(
                    "Events written but not acknowledged by a majority: " + e.getWriteConcernError(), e);
            attempted.forEach(i -> outcome.set(i, failure));
            return List.of();
        }
        Set<Integer> failedPositions = new HashSet<>();
        List<Integer> duplicates = new ArrayList<>();
        int firstError = Integer.MAX_VALUE;
        for (BulkWriteError error : errors) {
            int i = attempted.get(error.getIndex());
            failedPositions.add(error.getIndex());
            firstError = Math.min(firstError, error.getIndex());
            if (error.getCode() == DUPLICATE_KEY) {
                duplicates.add(i);
            } else {
                outcome.set(i, new StoreUnavailableException("Could not insert event "
                        + prepared.get(i).eventIdentifier() + ": " + error.getMessage(), e));
            }
        }
        List<Integer> inserted = new ArrayList<>();
        for (int position = 0; position < attempted.size(); position++) {
            if (!failedPositions.contains(position) && (!ordered || position < firstError)) {
                inserted.add(attempted.get(position));
            }
        }
        StoreFlightEvents.stored(prepared, inserted);
        Set<String> storedIds = existing(EventDocuments.EVENT_ID,
                duplicates.stream().map(i -> prepared.get(i).eventIdentifier()).toList());
        List<Integer> stillUnknown = duplicates.stream()
                .filter(i -> !storedIds.contains(prepared.get(i).eventIdentifier())).toList();
        Set<String> takenSequences = existing(EventDocuments.AGGREGATE_SEQUENCE, stillUnknown.stream()
                .map(i -> EventDocuments.aggregateSequence(prepared.get(i).aggregateIdentifier(),
                        prepared.get(i).sequenceNumber()))
                .toList());
        List<Integer> retry = new ArrayList<>();
        for (int i : stillUnknown) {
            PreparedEvent event = prepared.get(i);
            if (takenSequences.contains(EventDocuments.aggregateSequence(event.aggregateIdentifier(),
                    event.sequenceNumber()))) {
                outcome.set(i, conflict(event, e));
            } else {
                hasIndex[i] = false;
                retry.add(i);
            }
        }
        boolean refused = false;
        for (int position : failedPositions) {
            refused |= outcome.get(attempted.get(position)) != null;
        }
        if (ordered) {
            // insertMany(ordered) stopped at the first error: later events were not attempted.
            List<Integer> notAttempted = attempted.subList(firstError + 1, attempted.size());
            if (refused) {
                RuntimeException skipped = new IllegalStateException(
                        "Not stored because an earlier event of the same batch was refused");
                notAttempted.forEach(i -> outcome.set(i, skipped));
                retry.forEach(i -> outcome.set(i, skipped));
                return List.of();
            }
            List<Integer> next = new ArrayList<>(retry);
            next.addAll(notAttempted);
            next.sort(Integer::compare);
            return next;
        }
        return retry;
    }

    private Set<String> existing(String field, List<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        Set<String> found = new HashSet<>();
        for (BsonDocument document : events.find(Filters.in(field, values)).projection(Projections.include(field))) {
            found.add(document.getString(field).getValue());
        }
        return found;
    }

    private static RuntimeException conflict(PreparedEvent event, Exception cause) {
        if (event.domain() && event.sequenceNumber() == 0) {
            return new AggregateStreamCreationException("Cannot reuse aggregate identifier ["
                    + event.aggregateIdentifier() + "] to create aggregate; an aggregate with that identifier exists",
                    cause);
        }
        return new ConcurrencyException("An event for aggregate [" + event.aggregateIdentifier()
                + "] at sequence [" + event.sequenceNumber() + "] was already inserted", cause);
    }
}
