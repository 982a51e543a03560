package io.bulwark.store.backup;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.bulwark.events.backup.BackupCopyDetails;
import io.bulwark.events.backup.BackupCopyEvictedEvent;
import io.bulwark.events.backup.BackupCopyIds;
import io.bulwark.events.backup.BackupCopyStoredEvent;
import io.bulwark.events.backup.BackupCopyView;
import io.bulwark.events.backup.BackupEvictionReason;
import io.bulwark.events.backup.BackupSearchCriteria;
import io.bulwark.events.backup.BackupStorageCondition;
import io.bulwark.events.backup.BackupStorageLowEvent;
import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.backup.BackupUsageView;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.store.DurabilityBarrier;
import io.bulwark.store.serialization.StoreSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.LongStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backup: the original bytes of messages, compressed, in the store's MongoDB, with their metadata
 * and scan report; a size cap with oldest-first eviction, an optional age limit, and a warning when
 * space runs low (reference notes D.2, H.6).
 *
 * <h2>Layout</h2>
 * <ul>
 *   <li>{@value #COPIES}: one document per copy, {@code _id} = insertion sequence number (long),
 *       unique index on {@code backupId}: envelope, triggers, sizes, SHA-256, encoding, chunk count,
 *       {@code storedAt}, and the scan report as JSON text.</li>
 *   <li>{@value #CHUNKS}: {@code _id} = {@code "<backupId>/<n>"}, {@code data} = up to 255 KiB of
 *       the stored (compressed) bytes.</li>
 *   <li>{@value #STATE}: one document {@code _id: "backup"} with {@code next} (next sequence number),
 *       {@code head} (no copy below it is left, except a late insert, see below),
 *       {@code totalBytes} and {@code count}.</li>
 * </ul>
 *
 * <h2>Why not GridFS</h2>
 * GridFS reads a file's chunks with a query on {@code files_id} sorted by {@code n}, and lists files
 * by range queries: on the embedded server (mongo-java-server, H2 backend), which serves only
 * unique-key equality and {@code $in} in constant time, each of those scans every chunk of every copy
 * (gigabytes). Here every regular access is an equality or {@code $in} on {@code _id} or the unique
 * {@code backupId}: reading a copy, the running total, the eviction queue (walked upwards from
 * {@code head} by sequence number) and the newest-first listing (walked downwards from {@code next}).
 * Only a search whose filters match few copies walks far, in batches of 100.
 *
 * <h2>Compression</h2>
 * gzip ({@link GZIPOutputStream}, level 1, "best speed"): deflate like a raw {@code Deflater}, plus a CRC-32 and
 * the length, so damage in storage is caught when reading even before the SHA-256 check, and the
 * concatenated chunks are a standard {@code .gz} an operator can inspect with ordinary tools. The 18
 * bytes of header and trailer are nothing next to a message. A copy that does not shrink (already
 * compressed attachments) is stored as it is ({@code encoding: "identity"}), so reading it costs no
 * inflation. Level 1 rather than the default 6: over the benchmark's mixed corpus (1,500 messages,
 * 64.6 MB) it keeps 47.8 % of the bytes against 45.4 % and takes 0.61 against 1.47 ms per message,
 * and compression was 2.8 % of the appliance's CPU with a rule that backs up a fifth of the mail
 * (docs/benchmarks.md, eighth session). Reading is the same either way.
 *
 * <h2>No transactions</h2>
 * Writes are ordered so that a crash leaves nothing visible that is incomplete: chunks first, then
 * the sequence number together with the running total (one update), then the metadata document. A
 * crash between those can leave unreferenced chunks (overwritten when the gateway retries with the
 * same backup id) or the running total a copy's size high. An insert that fails takes its size out
 * of the total again. A reserved sequence number without a document (a crash, or an insert still
 * on its way) is a hole in the eviction queue; eviction passes a hole once a copy above it is older
 * than 60 s, as the event store does with gaps.
 *
 * <p>Lifecycle: {@link #builder()} creates the indexes and, if asked, schedules maintenance
 * (eviction and warnings) on its own daemon thread; a {@link #put} over the cap also requests it.
 * {@link #close()} stops that thread. Thread-safe; several processes (gateway and admin nodes) may
 * share one database: eviction removes a copy with a delete whose count decides which node reports
 * it.
 */
public final class BackupStore implements AutoCloseable {

    /** Metadata collection. */
    public static final String COPIES = "backup_copies";
    /** Chunk collection. */
    public static final String CHUNKS = "backup_chunks";
    /** Counter collection. */
    public static final String STATE = "backup_state";
    /** Default size cap: 7 GiB, as the commercial gateway's Backup. */
    public static final long DEFAULT_MAX_BYTES = 7L * 1024 * 1024 * 1024;

    static final int CHUNK_SIZE = 255 * 1024;
    /** Sequence numbers per {@code $in} when walking the queue. */
    static final int WALK_BATCH = 100;
    /** Chunks per {@code $in} when reading a copy: bounds the memory of one read round trip to ~4 MiB. */
    static final int CHUNK_BATCH = 16;
    /** A queue hole below a copy older than this is a crashed put, not one in flight. */
    static final Duration HOLE_GRACE = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(BackupStore.class);
    private static final String STATE_ID = "backup";
    private static final String NEXT = "next";
    private static final String HEAD = "head";
    private static final String TOTAL = "totalBytes";
    private static final String COUNT = "count";
    private static final String BACKUP_ID = "backupId";
    private static final String QUEUE_ID = "queueId";
    private static final String MESSAGE_ID = "messageId";
    private static final String SENDER = "sender";
    private static final String RECIPIENTS = "recipients";
    private static final String MESSAGE_SIZE = "messageSizeBytes";
    private static final String CLIENT = "clientAddress";
    private static final String NODE = "nodeId";
    private static final String TRIGGERS = "triggers";
    private static final String SIZE = "sizeBytes";
    private static final String COMPRESSED = "compressedBytes";
    private static final String SHA256 = "sha256";
    private static final String ENCODING = "encoding";
    private static final String CHUNK_COUNT = "chunks";
    private static final String STORED_AT = "storedAt";
    private static final String SCAN_REPORT = "scanReport";
    private static final String GZIP = "gzip";
    private static final String IDENTITY = "identity";

    /**
     * Where the store's own events go (eviction, storage warnings). The auto-configuration publishes
     * them on Axon's event bus; {@code eventId} is deterministic where a duplicate must be recognised.
     */
    @FunctionalInterface
    public interface EventSink {
        void publish(String eventId, Object payload);
    }

    private final MongoCollection<Document> copies;
    private final MongoCollection<Document> chunks;
    private final MongoCollection<Document> state;
    private final DurabilityBarrier barrier;
    private final EventSink events;
    private final Clock clock;
    private final long maxBytes;
    private final Duration maxAge;
    private final int warningPercent;
    private final long minFreeDiskBytes;
    private final Path dataDir;
    private final Duration warningInterval;
    private final String nodeId;
    private final ObjectMapper json = StoreSerializers.objectMapper();
    private final ScheduledExecutorService maintenance;
    private final AtomicBoolean maintenanceQueued = new AtomicBoolean();
    private final ReentrantLock maintenanceLock = new ReentrantLock();
    /** Guarded by maintenanceLock. */
    private Set<BackupStorageCondition> lastConditions = EnumSet.noneOf(BackupStorageCondition.class);
    /** Guarded by maintenanceLock. */
    private Instant lastWarning;

    private BackupStore(Builder b) {
        MongoDatabase database = Objects.requireNonNull(b.database, "database");
        this.copies = database.getCollection(COPIES);
        this.chunks = database.getCollection(CHUNKS);
        this.state = database.getCollection(STATE);
        this.barrier = b.barrier;
        this.events = b.events;
        this.clock = b.clock;
        if (b.maxBytes <= 0) {
            throw new IllegalArgumentException("bulwark.backup.max-size must be positive");
        }
        this.maxBytes = b.maxBytes;
        if (b.maxAge != null && (b.maxAge.isNegative() || b.maxAge.isZero())) {
            throw new IllegalArgumentException("bulwark.backup.max-age must be positive (or unset)");
        }
        this.maxAge = b.maxAge;
        this.warningPercent = b.warningPercent;
        this.minFreeDiskBytes = b.minFreeDiskBytes;
        this.dataDir = b.dataDir;
        this.warningInterval = b.warningInterval;
        this.nodeId = b.nodeId;
        copies.createIndex(Indexes.ascending(BACKUP_ID), new IndexOptions().unique(true));
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "backup-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        if (b.maintenanceInterval != null && !b.maintenanceInterval.isZero()) {
            long millis = b.maintenanceInterval.toMillis();
            maintenance.scheduleWithFixedDelay(this::maintainQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The event the gateway appends after {@link #put}, as the domain event that starts the copy's
     * aggregate: type {@value BackupCopyIds#AGGREGATE_TYPE}, aggregate id = backup id, sequence 0,
     * identifier {@link BackupCopyIds#storedEventId}, timestamp = the copy's {@code storedAt}.
     * Appending it twice is harmless (the event store recognises the identifier).
     */
    public static DomainEventMessage<BackupCopyStoredEvent> storedEventMessage(BackupCopyStoredEvent event) {
        return new GenericDomainEventMessage<>(BackupCopyIds.AGGREGATE_TYPE, event.backupId(), 0, event,
                MetaData.emptyInstance(), BackupCopyIds.storedEventId(event.backupId()), event.at());
    }

    /**
     * Stores a copy of {@code original} (compressed) and returns it as listed. Idempotent by backup
     * id: if the copy exists, nothing is written and the existing copy is returned. Returns once the
     * copy is durable (embedded store committed). Over the cap, it asks the maintenance thread to
     * evict; it does not wait for that.
     *
     * @throws BackupStoreException if compressing fails
     */
    public BackupCopyView put(NewBackupCopy copy, byte[] original) {
        return put(copy, original, true);
    }

    /**
     * {@link #put} without its commit, for a caller that commits this store right after anyway: the
     * gateway appends the copy's {@link BackupCopyStoredEvent} and waits for it, and the appender's
     * commit of that event makes every earlier write durable, the copy's included. One commit of the
     * embedded store (and its fsync) fewer per copy; on a MongoDB server each write is durable when
     * acknowledged, so nothing changes there. Until the caller's commit a crash may lose the copy,
     * which is then stored again by the retry the caller's client makes.
     */
    public BackupCopyView putLeavingCommitToCaller(NewBackupCopy copy, byte[] original) {
        return put(copy, original, false);
    }

    private BackupCopyView put(NewBackupCopy copy, byte[] original, boolean commit) {
        Objects.requireNonNull(original, "original");
        Document existing = copies.find(eq(BACKUP_ID, copy.backupId())).projection(withoutReport()).first();
        if (existing != null) {
            return view(existing);
        }
        byte[] gzipped = gzip(original);
        boolean shrank = gzipped.length < original.length;
        byte[] stored = shrank ? gzipped : original;
        int chunkCount = (stored.length + CHUNK_SIZE - 1) / CHUNK_SIZE;
        for (int n = 0; n < chunkCount; n++) {
            byte[] data = Arrays.copyOfRange(stored, n * CHUNK_SIZE, Math.min(stored.length, (n + 1) * CHUNK_SIZE));
            String id = chunkId(copy.backupId(), n);
            chunks.replaceOne(eq("_id", id), new Document("_id", id).append("data", new Binary(data)),
                    new ReplaceOptions().upsert(true));
        }
        // The sequence number and the running total in one round trip: a crash before the insert
        // below leaves a hole and the total a copy's size high (see "No transactions").
        Document reserved = state.findOneAndUpdate(eq("_id", STATE_ID),
                Updates.combine(Updates.inc(NEXT, 1L), Updates.inc(TOTAL, (long) stored.length),
                        Updates.inc(COUNT, 1L)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        long seq = longOf(reserved, NEXT) - 1;
        MessageRef m = copy.message();
        Document doc = new Document("_id", seq)
                .append(BACKUP_ID, copy.backupId())
                .append(QUEUE_ID, m.queueId())
                .append(MESSAGE_ID, m.messageId())
                .append(SENDER, m.sender())
                .append(RECIPIENTS, m.recipients())
                .append(MESSAGE_SIZE, m.sizeBytes())
                .append(CLIENT, m.clientAddress())
                .append(NODE, m.nodeId())
                .append(TRIGGERS, copy.triggers().stream().map(BackupStore::triggerDocument).toList())
                .append(SIZE, (long) original.length)
                .append(COMPRESSED, (long) stored.length)
                .append(SHA256, sha256(original))
                .append(ENCODING, shrank ? GZIP : IDENTITY)
                .append(CHUNK_COUNT, chunkCount)
                .append(STORED_AT, Date.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .append(SCAN_REPORT, copy.scanReport() == null ? null : toJson(copy.scanReport()));
        try {
            copies.insertOne(doc);
        } catch (RuntimeException e) {
            uncount(seq, stored.length, e);
            if (e instanceof MongoWriteException write
                    && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                // Another put of the same id won the race; its chunks are the same bytes.
                Document other = copies.find(eq(BACKUP_ID, copy.backupId())).projection(withoutReport()).first();
                if (other != null) {
                    return view(other);
                }
            }
            throw e;
        }
        if (commit) {
            barrier.commit();
        }
        if (longOf(reserved, TOTAL) > maxBytes) {
            requestMaintenance();
        }
        return view(doc);
    }

    /**
     * The original bytes of a copy, checked against its SHA-256; empty if there is no such copy.
     *
     * @throws BackupStoreException if the stored data is damaged
     */
    public Optional<byte[]> get(String backupId) {
        Document doc = copies.find(eq(BACKUP_ID, backupId))
                .projection(Projections.include(SIZE, SHA256, ENCODING, CHUNK_COUNT)).first();
        if (doc == null) {
            return Optional.empty();
        }
        int chunkCount = doc.getInteger(CHUNK_COUNT);
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        for (int first = 0; first < chunkCount; first += CHUNK_BATCH) {
            List<String> ids = new ArrayList<>();
            for (int n = first; n < Math.min(chunkCount, first + CHUNK_BATCH); n++) {
                ids.add(chunkId(backupId, n));
            }
            Map<String, byte[]> found = new HashMap<>();
            for (Document chunk : chunks.find(in("_id", ids))) {
                found.put(chunk.getString("_id"), chunk.get("data", Binary.class).getData());
            }
            for (String id : ids) {
                byte[] data = found.get(id);
                if (data == null) {
                    // Deleted or evicted while we were reading.
                    return Optional.empty();
                }
                stored.writeBytes(data);
            }
        }
        long size = longOf(doc, SIZE);
        byte[] original = GZIP.equals(doc.getString(ENCODING)) ? gunzip(stored.toByteArray(), size, backupId)
                : stored.toByteArray();
        if (original.length != size || !sha256(original).equals(doc.getString(SHA256))) {
            throw new BackupStoreException("Backup copy " + backupId + " is damaged: its SHA-256 does not match");
        }
        return Optional.of(original);
    }

    /** A copy with its scan report, empty if there is none. */
    public Optional<BackupCopyDetails> find(String backupId) {
        Document doc = copies.find(eq(BACKUP_ID, backupId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        String report = doc.getString(SCAN_REPORT);
        return Optional.of(new BackupCopyDetails(view(doc), report == null ? null : fromJson(report)));
    }

    /**
     * Copies that match, newest first, at most {@code limit}. Walks the queue downwards from the
     * newest copy in batches, so a search that finds its rows among recent copies is fast; one
     * whose filters match rarely reads every copy's metadata.
     */
    public List<BackupCopyView> search(BackupSearchCriteria criteria, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Document st = state.find(eq("_id", STATE_ID)).first();
        if (st == null) {
            return List.of();
        }
        long head = longOf(st, HEAD);
        List<BackupCopyView> rows = new ArrayList<>();
        for (long high = longOf(st, NEXT) - 1; high >= head && rows.size() < limit; high -= WALK_BATCH) {
            List<Long> ids = LongStream.rangeClosed(Math.max(head, high - WALK_BATCH + 1), high).boxed().toList();
            List<Document> docs = copies.find(in("_id", ids)).projection(withoutReport()).into(new ArrayList<>());
            docs.sort(Comparator.comparingLong((Document d) -> d.getLong("_id")).reversed());
            for (Document doc : docs) {
                BackupCopyView view = view(doc);
                if (criteria.matches(view)) {
                    rows.add(view);
                    if (rows.size() == limit) {
                        break;
                    }
                }
            }
        }
        return rows;
    }

    /** Deletes a copy; {@code false} if there was none. Durable when it returns. */
    public boolean delete(String backupId) {
        Document doc = copies.find(eq(BACKUP_ID, backupId))
                .projection(Projections.include(BACKUP_ID, COMPRESSED, CHUNK_COUNT)).first();
        boolean removed = doc != null && remove(doc);
        if (removed) {
            barrier.commit();
        }
        return removed;
    }

    /** Number of copies, storage they take, and the cap. */
    public BackupUsageView usage() {
        Document st = state.find(eq("_id", STATE_ID)).first();
        return st == null ? new BackupUsageView(0, 0, maxBytes)
                : new BackupUsageView(Math.max(0, longOf(st, COUNT)), Math.max(0, longOf(st, TOTAL)), maxBytes);
    }

    /**
     * Evicts the oldest copies while Backup is over its cap, and copies older than the age limit, then
     * emits {@link BackupStorageLowEvent} if space is low. Runs on the maintenance thread (periodically
     * and after a put over the cap); callable directly (tests, operators). One run at a time per
     * process.
     *
     * @return how many copies this run evicted
     */
    public int maintain() {
        maintenanceLock.lock();
        try {
            int evicted = evict();
            warnIfLow();
            return evicted;
        } finally {
            maintenanceLock.unlock();
        }
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requestMaintenance() {
        if (maintenanceQueued.compareAndSet(false, true)) {
            try {
                maintenance.execute(() -> {
                    maintenanceQueued.set(false);
                    maintainQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                maintenanceQueued.set(false);
            }
        }
    }

    private void maintainQuietly() {
        try {
            maintain();
        } catch (RuntimeException e) {
            // The thread must survive a store hiccup; the next run retries.
            log.warn("Backup maintenance failed; retrying at the next run", e);
        }
    }

    /** Walks the queue from head upwards; see the class comment for holes. */
    private int evict() {
        Document st = state.find(eq("_id", STATE_ID)).first();
        if (st == null) {
            return 0;
        }
        long next = longOf(st, NEXT);
        long head = longOf(st, HEAD);
        long total = longOf(st, TOTAL);
        Instant now = clock.instant();
        Instant expiry = maxAge == null ? null : now.minus(maxAge);
        Instant holeGrace = now.minus(HOLE_GRACE);
        long firstHole = -1;
        long newHead = head;
        int evicted = 0;
        boolean stopped = false;
        for (long low = head; low < next && !stopped; low += WALK_BATCH) {
            long high = Math.min(next, low + WALK_BATCH);
            Map<Long, Document> batch = new HashMap<>();
            for (Document doc : copies.find(in("_id", LongStream.range(low, high).boxed().toList()))
                    .projection(Projections.include(BACKUP_ID, COMPRESSED, CHUNK_COUNT, STORED_AT))) {
                batch.put(doc.getLong("_id"), doc);
            }
            for (long seq = low; seq < high; seq++) {
                Document doc = batch.get(seq);
                if (doc == null) {
                    firstHole = firstHole < 0 ? seq : firstHole;
                    continue;
                }
                Instant storedAt = doc.getDate(STORED_AT).toInstant();
                if (firstHole >= 0 && storedAt.isBefore(holeGrace)) {
                    firstHole = -1;
                }
                BackupEvictionReason reason = total > maxBytes ? BackupEvictionReason.SIZE_CAP
                        : expiry != null && storedAt.isBefore(expiry) ? BackupEvictionReason.AGE_LIMIT : null;
                if (reason == null) {
                    newHead = firstHole >= 0 ? firstHole : seq;
                    stopped = true;
                    break;
                }
                long bytes = longOf(doc, COMPRESSED);
                if (remove(doc)) {
                    evicted++;
                    String backupId = doc.getString(BACKUP_ID);
                    events.publish(BackupCopyIds.evictedEventId(backupId),
                            new BackupCopyEvictedEvent(backupId, reason, bytes, storedAt, now));
                }
                // Also when another node removed it first: its decrement applies to the real total.
                total -= bytes;
                newHead = firstHole >= 0 ? firstHole : seq + 1;
            }
        }
        if (!stopped) {
            newHead = firstHole >= 0 ? firstHole : next;
        }
        if (newHead > head) {
            state.updateOne(eq("_id", STATE_ID), Updates.max(HEAD, newHead));
        }
        if (evicted > 0 || newHead > head) {
            barrier.commit();
        }
        if (evicted > 0) {
            log.info("Backup: evicted {} copies (cap {} bytes, max age {})", evicted, maxBytes, maxAge);
        }
        return evicted;
    }

    private void warnIfLow() {
        BackupUsageView usage = usage();
        long free = freeDiskSpace();
        Set<BackupStorageCondition> conditions = EnumSet.noneOf(BackupStorageCondition.class);
        // Multiply rather than divide: exact for any cap up to ~90 PB.
        if (usage.usedBytes() * 100 >= maxBytes * warningPercent) {
            conditions.add(BackupStorageCondition.SIZE_CAP_NEARLY_REACHED);
        }
        if (free >= 0 && free < minFreeDiskBytes) {
            conditions.add(BackupStorageCondition.DISK_SPACE_LOW);
        }
        Instant now = clock.instant();
        if (!conditions.isEmpty()) {
            boolean newCondition = !lastConditions.containsAll(conditions);
            if (newCondition || lastWarning == null || !now.isBefore(lastWarning.plus(warningInterval))) {
                events.publish(UUID.randomUUID().toString(), new BackupStorageLowEvent(List.copyOf(conditions),
                        usage.usedBytes(), maxBytes, free, minFreeDiskBytes, nodeId, now));
                lastWarning = now;
                log.warn("Backup storage low: {} (used {} of {} bytes, {} bytes free on disk)", conditions,
                        usage.usedBytes(), maxBytes, free);
            }
        }
        lastConditions = conditions;
    }

    /** Usable space on the data directory's file system (its nearest existing ancestor), -1 if unknown. */
    private long freeDiskSpace() {
        if (dataDir == null) {
            return -1;
        }
        Path path = dataDir.toAbsolutePath();
        while (path != null && !Files.exists(path)) {
            path = path.getParent();
        }
        if (path == null) {
            return -1;
        }
        try {
            return Files.getFileStore(path).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Removes a copy's document, then its chunks; true if this call removed the document. */
    private boolean remove(Document doc) {
        if (copies.deleteOne(eq("_id", doc.getLong("_id"))).getDeletedCount() == 0) {
            return false;
        }
        state.updateOne(eq("_id", STATE_ID),
                Updates.combine(Updates.inc(TOTAL, -longOf(doc, COMPRESSED)), Updates.inc(COUNT, -1L)),
                new UpdateOptions().upsert(true));
        String backupId = doc.getString(BACKUP_ID);
        int chunkCount = doc.getInteger(CHUNK_COUNT);
        for (int first = 0; first < chunkCount; first += CHUNK_BATCH) {
            List<String> ids = new ArrayList<>();
            for (int n = first; n < Math.min(chunkCount, first + CHUNK_BATCH); n++) {
                ids.add(chunkId(backupId, n));
            }
            chunks.deleteMany(in("_id", ids));
        }
        return true;
    }

    /**
     * Takes a copy whose insert failed out of the running total again: at once after a write error
     * (the server refused the document), otherwise (a timeout, a lost connection) only if no
     * document holds its sequence number. If that fails too, the total stays a copy's size high, as
     * after a crash, and the failure is attached to the insert's.
     */
    private void uncount(long seq, long bytes, RuntimeException insertFailure) {
        try {
            if (!(insertFailure instanceof MongoWriteException) && copies.find(eq("_id", seq)).first() != null) {
                return;
            }
            state.updateOne(eq("_id", STATE_ID), Updates.combine(Updates.inc(TOTAL, -bytes), Updates.inc(COUNT, -1L)));
        } catch (RuntimeException e) {
            insertFailure.addSuppressed(e);
        }
    }

    private static org.bson.conversions.Bson withoutReport() {
        return Projections.exclude(SCAN_REPORT);
    }

    private static String chunkId(String backupId, int n) {
        return backupId + "/" + n;
    }

    private static Document triggerDocument(BackupTrigger t) {
        return new Document("module", t.module().name()).append("status", t.status().name())
                .append("ruleId", t.ruleId()).append("ruleName", t.ruleName());
    }

    private static BackupCopyView view(Document doc) {
        List<Document> triggerDocs = doc.getList(TRIGGERS, Document.class, List.of());
        List<BackupTrigger> triggers = triggerDocs.stream().map(t -> new BackupTrigger(
                ProtectionModule.valueOf(t.getString("module")), ScanStatus.valueOf(t.getString("status")),
                t.getString("ruleId"), t.getString("ruleName"))).toList();
        MessageRef message = new MessageRef(doc.getString(QUEUE_ID), doc.getString(MESSAGE_ID), doc.getString(SENDER),
                doc.getList(RECIPIENTS, String.class, List.of()), longOf(doc, MESSAGE_SIZE), doc.getString(CLIENT),
                doc.getString(NODE));
        return new BackupCopyView(doc.getString(BACKUP_ID), message, triggers, longOf(doc, SIZE),
                longOf(doc, COMPRESSED), doc.getString(SHA256), doc.getDate(STORED_AT).toInstant());
    }

    /** Numbers written by {@code $inc} or by drivers may come back as int or long. */
    private static long longOf(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private String toJson(ScanReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new BackupStoreException("Cannot serialise the scan report", e);
        }
    }

    private ScanReport fromJson(String report) {
        try {
            return json.readValue(report, ScanReport.class);
        } catch (JsonProcessingException e) {
            throw new BackupStoreException("Cannot read the stored scan report", e);
        }
    }

    private static byte[] gzip(byte[] original) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, original.length / 3));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(original);
        } catch (IOException e) {
            throw new BackupStoreException("Cannot compress a Backup copy", e);
        }
        return out.toByteArray();
    }

    /** Inflates at most {@code size + 1} bytes, so damaged data cannot expand without bound. */
    private static byte[] gunzip(byte[] stored, long size, String backupId) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored), 64 * 1024)) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, size + 1));
        } catch (IOException e) {
            throw new BackupStoreException("Backup copy " + backupId + " is damaged: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Settings of a {@link BackupStore}; only the database is required. */
    public static final class Builder {
        private MongoDatabase database;
        private DurabilityBarrier barrier = DurabilityBarrier.alreadyDurable();
        private EventSink events = (id, payload) -> { };
        private Clock clock = Clock.systemUTC();
        private long maxBytes = DEFAULT_MAX_BYTES;
        private Duration maxAge;
        private int warningPercent = 90;
        private long minFreeDiskBytes = 1024L * 1024 * 1024;
        private Path dataDir;
        private Duration warningInterval = Duration.ofHours(24);
        private Duration maintenanceInterval;
        private String nodeId = "";

        private Builder() {
        }

        /** The store's database (the same as the event store's). */
        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** Committed after each put and delete, so a copy survives kill -9 once put returns. */
        public Builder durabilityBarrier(DurabilityBarrier barrier) {
            this.barrier = Objects.requireNonNull(barrier);
            return this;
        }

        /** Receives eviction and warning events. */
        public Builder events(EventSink events) {
            this.events = Objects.requireNonNull(events);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Size cap in stored (compressed) bytes; default 7 GiB. */
        public Builder maxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        /** Copies older than this are evicted; {@code null} (default) keeps them until the cap needs room. */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        /** Share of the cap (percent) from which {@link BackupStorageLowEvent} is emitted; default 90. */
        public Builder warningPercent(int warningPercent) {
            if (warningPercent < 1 || warningPercent > 100) {
                throw new IllegalArgumentException("warning percent must be 1-100");
            }
            this.warningPercent = warningPercent;
            return this;
        }

        /** Free disk space below which {@link BackupStorageLowEvent} is emitted; default 1 GiB. */
        public Builder minFreeDiskBytes(long minFreeDiskBytes) {
            this.minFreeDiskBytes = minFreeDiskBytes;
            return this;
        }

        /** Directory whose disk is watched; {@code null} (default) for no disk check. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** A warning that persists is repeated this often; default 24 h. */
        public Builder warningInterval(Duration warningInterval) {
            this.warningInterval = Objects.requireNonNull(warningInterval);
            return this;
        }

        /** Run {@link #maintain()} this often on the store's thread; {@code null} (default) for never. */
        public Builder maintenanceInterval(Duration maintenanceInterval) {
            this.maintenanceInterval = maintenanceInterval;
            return this;
        }

        /** The node named in warnings. */
        public Builder nodeId(String nodeId) {
            this.nodeId = Objects.requireNonNull(nodeId);
            return this;
        }

        /** Creates the index and starts the maintenance thread. */
        public BackupStore build() {
            return new BackupStore(this);
        }
    }
}
