package io.bulwark.admin.audit.internal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * An append-only log of rows (audit entries, event-log entries) in MongoDB that pages and filters in
 * time proportional to the page and the number of buckets, not to the number of rows, on the
 * embedded store as well as on a real MongoDB (docs/adr/0020).
 *
 * <p>Why not secondary indexes: the embedded store (mongo-java-server) keeps unique indexes only and
 * answers every other filter or sort by scanning the collection, which takes seconds at a million
 * rows. Every read here is an equality or {@code $in} lookup on {@code _id} instead:
 * <ul>
 *   <li>rows get a dense sequence number {@code seq} (0, 1, 2 ...) as {@code _id}, in the order they
 *       are appended, and fall into buckets of {@value #BUCKET} consecutive numbers;</li>
 *   <li>per bucket, a summary document keeps the bucket's rows as a bit set and the span of their
 *       times, and a times document their times (read only for buckets a time range cuts);</li>
 *   <li>per bucket and per <em>key</em> (a "field=value" string the caller derives from the row,
 *       such as {@code type=Login} or a word prefix), a posting document keeps the set of the
 *       bucket's rows that have that key, as a bit set of {@value #BUCKET} bits (1 KiB).</li>
 * </ul>
 * A query fetches the summaries and the postings of its keys for every bucket in its time range,
 * intersects the bit sets, counts, and fetches only the rows of the requested page by {@code _id}.
 * At a million rows that is about 120 small documents per filter, independent of how many rows
 * match. The bucket size trades reads against writes: each document read costs about the same on
 * the embedded store whatever its size, so fewer, larger buckets page faster (measured in
 * docs/audit.md: 1024-row buckets took 0.15-0.5 s a page at a million rows), while an append
 * rewrites its bucket's postings and times (about 100 KiB for one entry), fine for
 * administrative volume.
 *
 * <p>Appends are idempotent and crash-safe for a single writer (the projection's tracking
 * processor): rows carry a unique {@code eventId}; rows whose id is already stored are skipped; the
 * postings are written before the rows (setting a bit twice is harmless) and the next sequence
 * number last, and a retried append after a crash reuses the same numbers. Readers may run
 * concurrently with the writer; a row whose postings are visible before the row itself is left out
 * of that page.
 */
public final class BucketedLog {

    /** Rows per bucket. */
    public static final int BUCKET = 8192;
    /** Ids per {@code $in} lookup. */
    private static final int LOOKUP_CHUNK = 1000;
    private static final String NEXT = "next";
    private static final String SEQ = "seq";
    private static final String BITS = "bits";
    private static final String TIMES = "times";
    private static final String MIN_AT = "minAt";
    private static final String MAX_AT = "maxAt";
    /** Row field holding the row's time. */
    public static final String AT = "at";
    /** Row field holding the id of the event it came from (unique). */
    public static final String EVENT_ID = "eventId";

    private final MongoCollection<Document> rows;
    private final MongoCollection<Document> index;

    /**
     * @param name the rows' collection; the index lives in {@code name + "_index"}
     */
    public BucketedLog(MongoDatabase database, String name) {
        this.rows = database.getCollection(name);
        this.index = database.getCollection(name + "_index");
        rows.createIndex(Indexes.ascending(EVENT_ID), new IndexOptions().unique(true));
    }

    /** A row to append: its event id, time, stored fields, and the keys it can be found by. */
    public record NewRow(String eventId, Instant at, Document fields, Set<String> keys) {
    }

    /**
     * What to find: rows with {@code from <= at < to} (either may be null) that have, for every group,
     * at least one of its keys; ordered by sequence (newest first or oldest first); one page.
     */
    public record Criteria(Instant from, Instant to, List<Set<String>> keyGroups, boolean newestFirst, int offset,
            int limit) {
    }

    /** One page of rows (each with its {@code _id} = sequence number) and the number of all matches. */
    public record Page(List<Document> rows, long total) {
    }

    /** Removes every row and index document (a projection's reset). */
    public void clear() {
        rows.deleteMany(new Document());
        index.deleteMany(new Document());
    }

    /** Number of rows appended so far. */
    public long size() {
        Document next = index.find(Filters.eq("_id", NEXT)).first();
        return next == null ? 0 : next.getLong(SEQ);
    }

    /** Appends rows in the given order, skipping those whose event id is already stored. */
    public void append(List<NewRow> newRows) {
        if (newRows.isEmpty()) {
            return;
        }
        long next = size();
        Set<String> stored = new HashSet<>();
        for (List<String> chunk : chunks(newRows.stream().map(NewRow::eventId).toList())) {
            rows.find(Filters.in(EVENT_ID, chunk)).forEach(row -> stored.add(row.getString(EVENT_ID)));
        }
        if (!stored.isEmpty()) {
            // A crash between writing rows and advancing "next": continue after the stored ones.
            for (List<String> chunk : chunks(List.copyOf(stored))) {
                for (Document row : rows.find(Filters.in(EVENT_ID, chunk))) {
                    next = Math.max(next, ((Number) row.get("_id")).longValue() + 1);
                }
            }
        }
        Map<String, NewRow> fresh = new LinkedHashMap<>();
        newRows.stream().filter(row -> !stored.contains(row.eventId())).forEach(row -> fresh.putIfAbsent(row.eventId(), row));
        if (fresh.isEmpty()) {
            saveNext(next);
            return;
        }
        List<Document> documents = new ArrayList<>();
        Map<Long, List<Map.Entry<Long, NewRow>>> byBucket = new TreeMap<>();
        long seq = next;
        for (NewRow row : fresh.values()) {
            byBucket.computeIfAbsent(seq / BUCKET, b -> new ArrayList<>()).add(Map.entry(seq, row));
            Document document = new Document("_id", seq);
            document.putAll(row.fields());
            document.put(AT, Date.from(row.at()));
            document.put(EVENT_ID, row.eventId());
            documents.add(document);
            seq++;
        }
        byBucket.forEach(this::writeIndex);
        rows.insertMany(documents);
        saveNext(seq);
    }

    private void saveNext(long next) {
        index.replaceOne(Filters.eq("_id", NEXT), new Document("_id", NEXT).append(SEQ, next),
                new ReplaceOptions().upsert(true));
    }

    /** Sets the rows' bits in their bucket's summary and in each key's posting. */
    private void writeIndex(long bucket, List<Map.Entry<Long, NewRow>> bucketRows) {
        Map<String, BitSet> postings = new HashMap<>();
        for (Map.Entry<Long, NewRow> entry : bucketRows) {
            int slot = (int) (entry.getKey() % BUCKET);
            for (String key : entry.getValue().keys()) {
                postings.computeIfAbsent(postingId(key, bucket), k -> new BitSet(BUCKET)).set(slot);
            }
        }
        String summaryId = summaryId(bucket);
        String timesId = timesId(bucket);
        List<String> ids = new ArrayList<>(postings.keySet());
        ids.add(summaryId);
        ids.add(timesId);
        Map<String, Document> existing = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            index.find(Filters.in("_id", chunk)).forEach(d -> existing.put(d.getString("_id"), d));
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        postings.forEach((id, bits) -> {
            Document old = existing.get(id);
            if (old != null) {
                bits.or(bitsOf(old));
            }
            writes.add(upsert(new Document("_id", id).append(BITS, binary(bits))));
        });
        Document summary = existing.get(summaryId);
        BitSet all = summary == null ? new BitSet(BUCKET) : bitsOf(summary);
        Document storedTimes = existing.get(timesId);
        long[] times = storedTimes == null ? new long[BUCKET] : timesOf(storedTimes);
        for (Map.Entry<Long, NewRow> entry : bucketRows) {
            int slot = (int) (entry.getKey() % BUCKET);
            all.set(slot);
            times[slot] = entry.getValue().at().toEpochMilli();
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int slot = all.nextSetBit(0); slot >= 0; slot = all.nextSetBit(slot + 1)) {
            min = Math.min(min, times[slot]);
            max = Math.max(max, times[slot]);
        }
        ByteBuffer timeBytes = ByteBuffer.allocate(BUCKET * Long.BYTES);
        timeBytes.asLongBuffer().put(times);
        writes.add(upsert(new Document("_id", timesId).append(TIMES, new Binary(timeBytes.array()))));
        writes.add(upsert(new Document("_id", summaryId).append(BITS, binary(all)).append(MIN_AT, min)
                .append(MAX_AT, max)));
        index.bulkWrite(writes);
    }

    /** The page of rows matching the criteria, and how many match in all. */
    public Page find(Criteria criteria) {
        long size = size();
        if (size == 0) {
            return new Page(List.of(), 0);
        }
        long buckets = (size + BUCKET - 1) / BUCKET;
        long from = criteria.from() == null ? Long.MIN_VALUE : criteria.from().toEpochMilli();
        long to = criteria.to() == null ? Long.MAX_VALUE : criteria.to().toEpochMilli();

        // 1. Buckets whose time span meets the range, with their rows (times only where needed).
        List<String> summaryIds = new ArrayList<>();
        for (long b = 0; b < buckets; b++) {
            summaryIds.add(summaryId(b));
        }
        Map<Long, BitSet> masks = new TreeMap<>();
        List<Long> partial = new ArrayList<>();
        for (List<String> chunk : chunks(summaryIds)) {
            index.find(Filters.in("_id", chunk)).forEach(summary -> {
                long minAt = summary.getLong(MIN_AT);
                long maxAt = summary.getLong(MAX_AT);
                if (maxAt < from || minAt >= to) {
                    return;
                }
                long bucket = bucketOf(summary.getString("_id"));
                masks.put(bucket, bitsOf(summary));
                if (minAt < from || maxAt >= to) {
                    partial.add(bucket);
                }
            });
        }
        for (List<String> chunk : chunks(partial.stream().map(BucketedLog::timesId).toList())) {
            index.find(Filters.in("_id", chunk)).forEach(stored -> {
                long[] times = timesOf(stored);
                BitSet mask = masks.get(bucketOf(stored.getString("_id")));
                for (int slot = mask.nextSetBit(0); slot >= 0; slot = mask.nextSetBit(slot + 1)) {
                    if (times[slot] < from || times[slot] >= to) {
                        mask.clear(slot);
                    }
                }
            });
        }

        // 2. Each key group narrows the masks: a row must have one of the group's keys.
        for (Set<String> group : criteria.keyGroups()) {
            if (masks.isEmpty()) {
                break;
            }
            Map<Long, BitSet> any = new HashMap<>();
            List<String> ids = new ArrayList<>();
            for (long bucket : masks.keySet()) {
                for (String key : group) {
                    ids.add(postingId(key, bucket));
                }
            }
            for (List<String> chunk : chunks(ids)) {
                index.find(Filters.in("_id", chunk)).forEach(posting -> any
                        .computeIfAbsent(bucketOf(posting.getString("_id")), b -> new BitSet(BUCKET))
                        .or(bitsOf(posting)));
            }
            masks.entrySet().removeIf(entry -> {
                BitSet keyed = any.get(entry.getKey());
                if (keyed == null) {
                    return true;
                }
                entry.getValue().and(keyed);
                return entry.getValue().isEmpty();
            });
        }

        // 3. Count, then pick the page's sequence numbers in order.
        long total = masks.values().stream().mapToLong(BitSet::cardinality).sum();
        List<Long> order = new ArrayList<>(masks.keySet());
        if (criteria.newestFirst()) {
            order = order.reversed();
        }
        List<Long> page = new ArrayList<>();
        long skip = Math.max(0, criteria.offset());
        for (long bucket : order) {
            if (page.size() >= criteria.limit()) {
                break;
            }
            BitSet mask = masks.get(bucket);
            int count = mask.cardinality();
            if (skip >= count) {
                skip -= count;
                continue;
            }
            int slot = criteria.newestFirst() ? mask.previousSetBit(BUCKET - 1) : mask.nextSetBit(0);
            while (slot >= 0 && page.size() < criteria.limit()) {
                if (skip > 0) {
                    skip--;
                } else {
                    page.add(bucket * BUCKET + slot);
                }
                slot = criteria.newestFirst() ? mask.previousSetBit(slot - 1) : mask.nextSetBit(slot + 1);
            }
        }
        Map<Long, Document> found = new HashMap<>();
        for (List<Long> chunk : chunks(page)) {
            rows.find(Filters.in("_id", chunk)).forEach(row -> found.put(((Number) row.get("_id")).longValue(), row));
        }
        return new Page(page.stream().map(found::get).filter(java.util.Objects::nonNull).toList(), total);
    }

    private static ReplaceOneModel<Document> upsert(Document document) {
        return new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true));
    }

    private static String summaryId(long bucket) {
        return "b|" + bucket;
    }

    private static String timesId(long bucket) {
        return "t|" + bucket;
    }

    private static String postingId(String key, long bucket) {
        return "k|" + bucket + "|" + key;
    }

    /** The bucket number of a summary, times or posting id ("b|7", "t|7", "k|7|type=Login"). */
    private static long bucketOf(String id) {
        int start = id.indexOf('|') + 1;
        int end = id.indexOf('|', start);
        return Long.parseLong(end < 0 ? id.substring(start) : id.substring(start, end));
    }

    private static Binary binary(BitSet bits) {
        return new Binary(bits.toByteArray());
    }

    private static BitSet bitsOf(Document document) {
        Object value = document.get(BITS);
        byte[] bytes = value instanceof Binary binary ? binary.getData() : (byte[]) value;
        return BitSet.valueOf(bytes);
    }

    private static long[] timesOf(Document document) {
        Object value = document.get(TIMES);
        byte[] bytes = value instanceof Binary binary ? binary.getData() : (byte[]) value;
        long[] times = new long[BUCKET];
        ByteBuffer.wrap(bytes).asLongBuffer().get(times);
        return times;
    }

    private static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> list = List.copyOf(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += LOOKUP_CHUNK) {
            chunks.add(list.subList(i, Math.min(list.size(), i + LOOKUP_CHUNK)));
        }
        return chunks;
    }
}
