package io.bulwark.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.bulwark.store.internal.EventDocuments;
import io.bulwark.store.internal.EventWriter;
import io.bulwark.store.internal.GlobalIndexAllocator;
import io.bulwark.store.internal.MongoEventLog;
import io.bulwark.store.internal.PreparedEvent;
import io.bulwark.store.internal.StoredEventData;
import io.bulwark.store.serialization.StoreSerializers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon event storage engine on MongoDB with a global event order, for tracking processors.
 *
 * <p>Every event gets a global index from a counter document, reserved in blocks (see
 * {@link GlobalIndexAllocator}); tracking uses {@link GapAwareTrackingToken}s, as with Axon's JDBC
 * engine, because indexes are assigned before insert and inserts from several threads or nodes
 * become visible out of order. Every read is a lookup by unique key ({@code _id} = global index,
 * {@code aggregateSequence}, snapshot {@code _id} = aggregate identifier) with equality or
 * {@code $in}, or a range on {@code _id} sorted by it; the embedded server answers all of them from
 * its unique indexes (ADR 0044).
 *
 * <p>Appends are idempotent by event identifier: an event whose identifier is already stored is
 * skipped. A different event at a taken (aggregate, sequence) fails with Axon's
 * {@code ConcurrencyException} ({@code AggregateStreamCreationException} at sequence 0). After each
 * append the {@link DurabilityBarrier} is committed, so a unit of work that committed survives
 * kill -9 of the JVM.
 *
 * <p>Limitation: without transactions, the events of one append are not atomic. A unit of work's
 * events are inserted in order and the insert stops at the first refused event, so an aggregate's
 * stream never gets a later event without the earlier one; but events of the same append that came
 * before the refused one stay stored.
 *
 * <p>Lifecycle: build with {@link #builder()}; indexes are created on construction (idempotent);
 * {@link #close()} gives unused reserved indexes back. Thread-safe.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine implements AutoCloseable {
    /** Events read per round trip while {@link #createTokenAt} walks to its moment. */
    private static final int TOKEN_SEARCH_BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    /** Successor probes per gap clean-up; bounds the lookup when a token has very many gap runs. */
    private static final int MAX_GAP_PROBES = 256;

    private final MongoCollection<BsonDocument> events;
    private final MongoCollection<BsonDocument> snapshots;
    private final MongoCollection<Document> counters;
    private final GlobalIndexAllocator allocator;
    private final EventWriter writer;
    private final EventDocuments documents;
    private final DurabilityBarrier barrier;
    private final Clock clock;
    private final Duration gapTimeout;
    private final Duration gapHold;
    private final int maxGapOffset;
    private final int lookAheadWindow;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder.prepare());
        MongoDatabase database = builder.database;
        this.events = database.getCollection(builder.eventCollection, BsonDocument.class);
        this.snapshots = database.getCollection(builder.snapshotCollection, BsonDocument.class);
        this.counters = database.getCollection(builder.counterCollection);
        this.clock = builder.clock;
        this.allocator = new GlobalIndexAllocator(counters, builder.blockSize, builder.blockLease, clock);
        this.writer = new EventWriter(events, allocator, clock);
        this.documents = new EventDocuments(builder.objectMapper, builder.payloadFormat);
        this.barrier = builder.durabilityBarrier;
        this.gapTimeout = builder.gapTimeout;
        this.gapHold = builder.gapHold;
        this.maxGapOffset = builder.maxGapOffset;
        this.lookAheadWindow = builder.lookAheadWindow > 0
                ? builder.lookAheadWindow : 2 * Math.max(batchSize(), builder.blockSize);
        if (builder.ensureIndexes) {
            ensureIndexes();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the unique indexes (idempotent). */
    public final void ensureIndexes() {
        events.createIndex(Indexes.ascending(EventDocuments.EVENT_ID), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending(EventDocuments.AGGREGATE_SEQUENCE), new IndexOptions().unique(true));
    }

    // ---------------------------------------------------------------- append

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.isEmpty()) {
            return;
        }
        List<PreparedEvent> prepared = new ArrayList<>(eventMessages.size());
        for (EventMessage<?> event : eventMessages) {
            prepared.add(documents.prepare(event, serializer));
        }
        List<RuntimeException> outcome = writer.insert(prepared, true);
        boolean anyStored = outcome.stream().anyMatch(o -> o == null);
        if (anyStored) {
            barrier.commit();
        }
        for (RuntimeException failure : outcome) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Serializes an event for {@link #store(List)} with the engine's event serializer. Call it on
     * the caller's thread to spread serialization cost. Thread-safe.
     */
    public PreparedEvent prepare(EventMessage<?> event) {
        return documents.prepare(event, getEventSerializer());
    }

    /**
     * Inserts prepared events, each on its own (used by the {@link EventAppender}, whose batches
     * mix independent callers). Does not commit the durability barrier: the caller commits once
     * for the batch. Returns per event {@code null} if stored (now or before) or the failure.
     */
    public List<RuntimeException> store(List<PreparedEvent> prepared) {
        return writer.insert(prepared, false);
    }

    public DurabilityBarrier durabilityBarrier() {
        return barrier;
    }

    /** The auditors' view over this engine's collections. */
    public EventLog eventLog() {
        return new MongoEventLog(events, documents);
    }

    // ---------------------------------------------------------------- snapshots

    /**
     * Keeps only the latest snapshot per aggregate, under {@code _id} = aggregate identifier (an
     * equality lookup on read). The replace only matches an older snapshot; if a newer one is
     * stored, the upsert hits the duplicate {@code _id} and we keep the newer one.
     */
    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        PreparedEvent prepared = documents.prepare(snapshot, serializer);
        BsonDocument document = new BsonDocument(EventDocuments.ID, new BsonString(snapshot.getAggregateIdentifier()));
        document.putAll(prepared.document());
        try {
            snapshots.replaceOne(Filters.and(Filters.eq(EventDocuments.ID, snapshot.getAggregateIdentifier()),
                            Filters.lt(EventDocuments.SEQUENCE, snapshot.getSequenceNumber())),
                    document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            log.debug("Snapshot of {} at {} not stored: a newer one exists", snapshot.getAggregateIdentifier(),
                    snapshot.getSequenceNumber());
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        BsonDocument document = snapshots.find(Filters.eq(EventDocuments.ID, aggregateIdentifier)).first();
        return document == null ? Stream.empty() : Stream.of(documents.read(document, null));
    }

    // ---------------------------------------------------------------- aggregate reads

    /**
     * Reads events {@code [firstSequenceNumber, firstSequenceNumber + batchSize)} with one
     * {@code $in} on the unique aggregateSequence key. Axon's batching calls this again from the
     * next number while batches come back full, so an aggregate of n events costs n / batchSize
     * constant-time lookups. (We do not keep a per-aggregate head document: without transactions
     * it could disagree with the events after a crash, and the events are the only truth.)
     */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
            long firstSequenceNumber, int batchSize) {
        List<String> keys = new ArrayList<>(batchSize);
        for (long sequence = firstSequenceNumber; sequence < firstSequenceNumber + batchSize; sequence++) {
            keys.add(EventDocuments.aggregateSequence(aggregateIdentifier, sequence));
        }
        List<StoredEventData> result = new ArrayList<>();
        for (BsonDocument document : events.find(Filters.in(EventDocuments.AGGREGATE_SEQUENCE, keys))) {
            result.add(documents.read(document, null));
        }
        result.sort(Comparator.comparingLong(StoredEventData::getSequenceNumber));
        return result;
    }

    /**
     * Probes windows of sequence numbers with {@code $in} (from the snapshot's sequence number if a
     * snapshot exists), since aggregate sequences have no holes: the last window that is not full
     * holds the last event.
     */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        BsonDocument snapshot = snapshots.find(Filters.eq(EventDocuments.ID, aggregateIdentifier))
                .projection(Projections.include(EventDocuments.SEQUENCE)).first();
        long start = snapshot == null ? 0L : snapshot.get(EventDocuments.SEQUENCE).asNumber().longValue();
        Long last = snapshot == null ? null : start;
        int window = batchSize();
        while (true) {
            List<String> keys = new ArrayList<>(window);
            for (long sequence = start; sequence < start + window; sequence++) {
                keys.add(EventDocuments.aggregateSequence(aggregateIdentifier, sequence));
            }
            int found = 0;
            for (BsonDocument document : events.find(Filters.in(EventDocuments.AGGREGATE_SEQUENCE, keys))
                    .projection(Projections.include(EventDocuments.SEQUENCE))) {
                long sequence = document.get(EventDocuments.SEQUENCE).asNumber().longValue();
                last = last == null ? sequence : Math.max(last, sequence);
                found++;
            }
            if (found < window) {
                return Optional.ofNullable(last);
            }
            start += window;
        }
    }

    // ---------------------------------------------------------------- tracking

    /**
     * Reads the next batch after {@code lastToken}. Without gaps (the usual case): one range query
     * {@code _id > index}, sorted and limited to the batch, which MongoDB and the embedded server
     * answer by walking the {@code _id} index (docs/event-store.md, "What the store examines"). With
     * gaps: one {@code $in} over the gaps plus the next {@code lookAheadWindow} indexes; only if that
     * finds nothing although the counter shows indexes reserved beyond the window (a crashed writer
     * abandoned part of a block, or another node holds a block far ahead) the range query follows.
     */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = gapAware(lastToken);
        long index = token == null ? GlobalIndexAllocator.FIRST_INDEX - 1 : token.getIndex();
        SortedSet<Long> gaps = token == null ? new TreeSet<>() : token.getGaps();
        List<BsonDocument> found = new ArrayList<>();
        if (!gaps.isEmpty()) {
            List<Long> wanted = new ArrayList<>(gaps.size() + lookAheadWindow);
            wanted.addAll(gaps);
            for (long i = index + 1; i <= index + lookAheadWindow; i++) {
                wanted.add(i);
            }
            events.find(Filters.in(EventDocuments.ID, wanted)).into(found);
        }
        if (gaps.isEmpty() || found.isEmpty() && allocator.highestReserved() > index + lookAheadWindow) {
            // without gaps the usual case: one walk of the _id index from the token (docs/event-store.md)
            MongoEventLog.readInOrder(events, index, batchSize, found);
        }
        found.sort(Comparator.comparingLong(d -> d.get(EventDocuments.ID).asNumber().longValue()));
        if (found.size() > batchSize) {
            found = found.subList(0, batchSize);
        }
        found = holdBackYoungHoles(found, index);
        GapAwareTrackingToken base = token;
        if (token != null && !gaps.isEmpty()) {
            Set<Long> foundIds = new HashSet<>();
            found.forEach(d -> foundIds.add(d.get(EventDocuments.ID).asNumber().longValue()));
            base = withoutStaleGaps(token, foundIds);
        }
        List<StoredEventData> result = new ArrayList<>(found.size());
        GapAwareTrackingToken current = base;
        for (BsonDocument document : found) {
            long globalIndex = document.get(EventDocuments.ID).asNumber().longValue();
            current = current == null
                    ? GapAwareTrackingToken.newInstance(globalIndex,
                            LongStream.range(Math.max(GlobalIndexAllocator.FIRST_INDEX, globalIndex - maxGapOffset), globalIndex).boxed().toList())
                    : current.advanceTo(globalIndex, maxGapOffset);
            result.add(documents.read(document, current));
        }
        return result;
    }

    /**
     * Keeps delivery in global order in the usual case. A hole below a newly found event is almost
     * always an insert still in flight (indexes are allocated before insert, and concurrent inserts
     * finish in any order), so while the event above the hole was stored less than
     * {@code gapHold} ago we deliver only what lies below the hole and let the next read (woken by
     * the writer's signal) pick the rest up in order. Older holes are delivered past and tracked as
     * gaps, so a crashed writer or another node's slow block delays readers by at most
     * {@code gapHold}, once. Events filling known gaps are always delivered.
     */
    private List<BsonDocument> holdBackYoungHoles(List<BsonDocument> found, long index) {
        if (gapHold.isZero() || found.isEmpty()) {
            return found;
        }
        Instant youngAfter = clock.instant().minus(gapHold);
        long expected = index + 1;
        for (int i = 0; i < found.size(); i++) {
            long globalIndex = found.get(i).get(EventDocuments.ID).asNumber().longValue();
            if (globalIndex <= index) {
                continue;
            }
            if (globalIndex != expected) {
                BsonValue storedAt = found.get(i).get(EventDocuments.STORED_AT);
                boolean young = storedAt == null || !storedAt.isDateTime()
                        || !Instant.ofEpochMilli(storedAt.asDateTime().getValue()).isBefore(youngAfter);
                if (young) {
                    return found.subList(0, i);
                }
            }
            expected = globalIndex + 1;
        }
        return found;
    }

    /**
     * Drops gaps that can no longer be filled. A gap g is dead once an event with a higher index was
     * stored more than {@code gapTimeout} ago: indexes are handed out in increasing order and used
     * within the allocator's lease of their reservation, so g's writer either inserted it long ago
     * or died. We look at one event above each run of missing gaps (a constant-time {@code $in}).
     * Gaps found in this very fetch are never dropped (they are delivered).
     */
    private GapAwareTrackingToken withoutStaleGaps(GapAwareTrackingToken token, Set<Long> foundIds) {
        List<Long> successors = new ArrayList<>();
        Long previous = null;
        List<Long> missing = token.getGaps().stream().filter(g -> !foundIds.contains(g)).toList();
        for (int i = missing.size() - 1; i >= 0 && successors.size() < MAX_GAP_PROBES; i--) {
            long gap = missing.get(i);
            if (previous == null || previous != gap + 1) {
                if (gap + 1 <= token.getIndex()) {
                    successors.add(gap + 1);
                }
            }
            previous = gap;
        }
        if (successors.isEmpty()) {
            return token;
        }
        Instant cutoff = clock.instant().minus(gapTimeout);
        long deadBelow = -1;
        for (BsonDocument document : events.find(Filters.in(EventDocuments.ID, successors))
                .projection(Projections.include(EventDocuments.ID, EventDocuments.STORED_AT))) {
            BsonValue storedAt = document.get(EventDocuments.STORED_AT);
            if (storedAt != null && storedAt.isDateTime()
                    && Instant.ofEpochMilli(storedAt.asDateTime().getValue()).isBefore(cutoff)) {
                deadBelow = Math.max(deadBelow, document.get(EventDocuments.ID).asNumber().longValue());
            }
        }
        if (deadBelow < 0) {
            return token;
        }
        long limit = deadBelow;
        List<Long> kept = token.getGaps().stream().filter(g -> g > limit || foundIds.contains(g)).toList();
        if (kept.size() == token.getGaps().size()) {
            return token;
        }
        log.debug("Dropping {} gaps below {} (older than {})", token.getGaps().size() - kept.size(), limit, gapTimeout);
        return GapAwareTrackingToken.newInstance(token.getIndex(), kept);
    }

    private static GapAwareTrackingToken gapAware(TrackingToken token) {
        if (token == null || token instanceof GapAwareTrackingToken) {
            return (GapAwareTrackingToken) token;
        }
        throw new IllegalArgumentException("Unsupported token type " + token.getClass().getName()
                + "; this engine tracks with GapAwareTrackingToken");
    }

    /**
     * The position of the newest stored event, found with {@code $in} probes below the counter;
     * falls back to a descending sort (a scan on the embedded server) only if the newest window is
     * empty.
     */
    @Override
    public TrackingToken createHeadToken() {
        long highest = allocator.highestReserved();
        if (highest < 0) {
            return null;
        }
        for (int probe = 0; probe < 4; probe++) {
            long to = highest - (long) probe * lookAheadWindow;
            if (to < 0) {
                break;
            }
            List<Long> ids = new ArrayList<>();
            for (long i = Math.max(0, to - lookAheadWindow + 1); i <= to; i++) {
                ids.add(i);
            }
            long max = -1;
            for (BsonDocument document : events.find(Filters.in(EventDocuments.ID, ids))
                    .projection(Projections.include(EventDocuments.ID))) {
                max = Math.max(max, document.get(EventDocuments.ID).asNumber().longValue());
            }
            if (max >= 0) {
                return GapAwareTrackingToken.newInstance(max, List.of());
            }
        }
        BsonDocument newest = events.find().sort(Sorts.descending(EventDocuments.ID))
                .projection(Projections.include(EventDocuments.ID)).limit(1).first();
        return newest == null ? null
                : GapAwareTrackingToken.newInstance(newest.get(EventDocuments.ID).asNumber().longValue(), List.of());
    }

    /**
     * A token just before the first event, in global order, at or after {@code dateTime}.
     * Timestamps have no index the embedded server can use, and a filter on them decoded every
     * stored event (300,000 did not finish in ten minutes, docs/history.md), so the start is found
     * as {@link EventsSince} finds it: a binary search over global indexes with point reads, aimed
     * {@link EventsSince#SKEW} early (timestamps follow global order only up to the writers'
     * reserved blocks), then the events from there are walked in order, reading only their index
     * and timestamp, to the first at or after {@code dateTime}. An event stored more than that skew
     * out of order would be missed, as it would by {@link EventsSince}.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        TrackingToken before = EventsSince.startBefore(this, dateTime.minus(EventsSince.SKEW));
        long position = before == null ? 0 : before.position().orElse(0);
        String target = EventDocuments.formatTimestamp(dateTime); // fixed width: text order is time order
        while (true) {
            List<BsonDocument> batch = events.find(Filters.gt(EventDocuments.ID, position))
                    .sort(Sorts.ascending(EventDocuments.ID))
                    .projection(Projections.include(EventDocuments.ID, EventDocuments.TIMESTAMP))
                    .limit(TOKEN_SEARCH_BATCH).into(new ArrayList<>());
            if (batch.isEmpty()) {
                // Every event up to position is older than dateTime and none is stored after it, so
                // the token lies at position. Not at the head: an event stored between the read
                // above and a head look-up would count as seen, though it is newer than dateTime (a
                // CI run caught a node's processor skipping a forget event that way).
                return position < GlobalIndexAllocator.FIRST_INDEX ? null
                        : GapAwareTrackingToken.newInstance(position, List.of());
            }
            for (BsonDocument event : batch) {
                long index = event.get(EventDocuments.ID).asNumber().longValue();
                if (event.getString(EventDocuments.TIMESTAMP).getValue().compareTo(target) >= 0) {
                    return index <= GlobalIndexAllocator.FIRST_INDEX ? null
                            : GapAwareTrackingToken.newInstance(index - 1, List.of());
                }
                position = index;
            }
        }
    }

    /** Gives unused reserved indexes back so that a restart leaves no gap. Idempotent. */
    @Override
    public void close() {
        try {
            allocator.release();
        } catch (RuntimeException e) {
            log.warn("Could not give back unused global indexes; readers will skip them", e);
        }
    }

    /**
     * Builder. Required: {@link #database(MongoDatabase)}. Defaults: Jackson serializers from
     * {@link StoreSerializers}, barrier {@link DurabilityBarrier#alreadyDurable()}, collections
     * {@code domain_events}, {@code snapshot_events}, {@code event_counters}, block size 100, block
     * lease 10 s, gap timeout 60 s, gap hold 1 s, max gap offset 10000, batch size 100, look-ahead window
     * {@code 2 * max(batchSize, blockSize)}, payloads and metadata written as JSON text
     * ({@link PayloadFormat#TEXT}).
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private PayloadFormat payloadFormat = PayloadFormat.TEXT;

        private MongoDatabase database;
        private DurabilityBarrier durabilityBarrier = DurabilityBarrier.alreadyDurable();
        private String eventCollection = "domain_events";
        private String snapshotCollection = "snapshot_events";
        private String counterCollection = "event_counters";
        private int blockSize = 100;
        private Duration blockLease = Duration.ofSeconds(10);
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Duration gapHold = Duration.ofSeconds(1);
        private int maxGapOffset = 10_000;
        private int lookAheadWindow;
        private Clock clock = Clock.systemUTC();
        private ObjectMapper objectMapper;
        private boolean ensureIndexes = true;
        private boolean eventSerializerSet;
        private boolean snapshotSerializerSet;

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            eventSerializerSet = true;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            snapshotSerializerSet = true;
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder durabilityBarrier(DurabilityBarrier durabilityBarrier) {
            this.durabilityBarrier = durabilityBarrier;
            return this;
        }

        public Builder collections(String events, String snapshots, String counters) {
            this.eventCollection = events;
            this.snapshotCollection = snapshots;
            this.counterCollection = counters;
            return this;
        }

        /** Global indexes reserved per counter round trip. */
        public Builder blockSize(int blockSize) {
            this.blockSize = blockSize;
            return this;
        }

        /** How long a reserved block may be used; must be well below the gap timeout. */
        public Builder blockLease(Duration blockLease) {
            this.blockLease = blockLease;
            return this;
        }

        /** How long after a later event was stored a missing index is still awaited. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /**
         * How long readers wait for a fresh hole in the global order to fill before delivering past
         * it (keeps delivery in global order while concurrent inserts finish); zero to never wait.
         */
        public Builder gapHold(Duration gapHold) {
            this.gapHold = gapHold;
            return this;
        }

        /** Gaps further than this below the token's index are dropped. */
        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        /** Indexes looked up ahead of a token per read; 0 for {@code 2 * max(batchSize, blockSize)}. */
        public Builder lookAheadWindow(int lookAheadWindow) {
            this.lookAheadWindow = lookAheadWindow;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How payloads and metadata are written; events of either form are read. ADR 0048. */
        public Builder payloadFormat(PayloadFormat payloadFormat) {
            this.payloadFormat = Objects.requireNonNull(payloadFormat, "payloadFormat");
            return this;
        }

        /**
         * Mapper that reads payloads and metadata stored as JSON text (every event in
         * {@link PayloadFormat#TEXT}) and renders the canonical text the history seals. It must read
         * floats as exact decimals, as {@link StoreSerializers#objectMapper()} does: a mapper that
         * reads them as doubles loses digits and changes the sealed texts. Default: that mapper.
         */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = objectMapper;
            return this;
        }

        public Builder ensureIndexes(boolean ensureIndexes) {
            this.ensureIndexes = ensureIndexes;
            return this;
        }

        Builder prepare() {
            validate();
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            if (database == null) {
                throw new AxonConfigurationException("The MongoDatabase is required");
            }
            if (blockSize < 1 || maxGapOffset < 1 || lookAheadWindow < 0) {
                throw new AxonConfigurationException("blockSize and maxGapOffset must be positive");
            }
            if (gapHold.isNegative() || gapHold.compareTo(gapTimeout) >= 0) {
                throw new AxonConfigurationException("gapHold must be zero or positive and below gapTimeout");
            }
            if (!blockLease.isPositive() || blockLease.compareTo(gapTimeout) >= 0) {
                throw new AxonConfigurationException("blockLease must be positive and below gapTimeout");
            }
            if (!eventSerializerSet) {
                eventSerializer(StoreSerializers.jacksonSerializer());
            }
            if (!snapshotSerializerSet) {
                snapshotSerializer(StoreSerializers.jacksonSerializer());
            }
            if (objectMapper == null) {
                objectMapper = StoreSerializers.objectMapper();
            }
            super.validate();
        }

        public MongoEventStorageEngine build() {
            return new MongoEventStorageEngine(this);
        }
    }
}
