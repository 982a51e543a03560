package io.bulwark.admin.rule.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.scan.policy.RecordedShape;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

/**
 * The rule-change impact preview's read model (ADR 0030): per hour of scan time, the recorded
 * messages in <em>segments</em> of up to {@value #SEGMENT_SIZE}, each message as what the decision
 * reads: envelope sender, client address, recipients, per recipient the id of its <em>decision
 * verdicts</em> ({@link RecordedShape#decisionVerdicts}) and of its full verdicts (for the reasons
 * of examples). Verdict lists are kept once each, by content hash. A preview reads the segments
 * of its window (a few hundred documents for 100k messages, instead of 300k events), folds the
 * messages into {@link RecordedShape}s and judges each shape once.
 *
 * <p>Why segments and not a document per message or per shape: the embedded store's cost is per
 * document read (a shape per document took 30 to 50 s to read back at 100k distinct shapes, as
 * long as the event store), so the messages of an hour are packed into few documents; a segment is
 * only appended to ({@code $push}), and closed at {@value #SEGMENT_SIZE} so no write rewrites a large
 * document; within a processor batch the messages of each segment are appended in one bulk write
 * after the batch ({@link #documents()}, ADR 0039).
 *
 * <p>Collections: {@value #SEGMENTS} ({@code _id} "hour:segment"; {@code h} epoch hour, {@code k}
 * segment number in the hour, {@code n} messages, {@code upTo} global index of the last one,
 * {@code m} the messages {@code {q, at, s, c, r, v, x}}) and {@value #VERDICTS} ({@code _id} "v" and
 * the first 32 hex digits of the SHA-256 of {@code json}, the verdict list as JSON).
 *
 * <p>Exact under redelivery: a tracking processor may hand an event over again after a crash; a
 * segment remembers the global index of the last message appended ({@code upTo}), and since events
 * reach a processor in global order, an event at or below the hour's current segment's
 * {@code upTo} was counted already and is skipped. Segments older than {@value #KEEP_DAYS} days of
 * scan time (the longest preview plus one) are deleted as time moves on. Tracking processor
 * {@value #PROCESSING_GROUP}, one segment, one thread (the handler's state is not shared); the
 * reset handler empties both collections, so a replay from zero rebuilds the same documents.
 */
@ProcessingGroup(PreviewInputsProjection.PROCESSING_GROUP)
public class PreviewInputsProjection implements io.bulwark.admin.support.BatchedProjection,
        io.bulwark.admin.support.BatchBoundaries.WriteBehind {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "rule-preview";
    /** Recorded messages in segments per hour. */
    public static final String SEGMENTS = "rule_preview_segments";
    /** Verdict lists by content hash. */
    public static final String VERDICTS = "rule_preview_verdicts";
    /** Examples kept per shape when a window is read (the preview shows at most this many). */
    public static final int EXAMPLES_PER_SHAPE = 20;
    /** Messages per segment document. */
    public static final int SEGMENT_SIZE = 50;
    /** Distinct verdict ids remembered as stored before the memory is cleared. */
    private static final int STORED_VERDICTS_REMEMBERED = 100_000;
    /** Days of shapes kept: the longest preview window and one more. */
    public static final int KEEP_DAYS = 91;

    private static final TypeReference<List<ModuleVerdict>> VERDICT_LIST = new TypeReference<>() {
    };

    private final MongoCollection<Document> segments;
    private final MongoCollection<Document> verdicts;
    /** Verdict ids known to be stored: saves a write per message for the few distinct decision verdicts. */
    private final Set<String> storedVerdicts = ConcurrentHashMap.newKeySet();
    // Jackson rather than a hand-made encoding: the verdicts are records Jackson reads back as they are
    private final ObjectMapper json = JsonMapper.builder().build();
    private long prunedBelowHour = Long.MIN_VALUE;
    /** The segment being filled, per hour (read back from the store after a restart). */
    private final Map<Long, Segment> open = new HashMap<>();
    /**
     * Within a processor batch: the messages appended per segment, written in one bulk write after
     * the batch's last event (ADR 0039) instead of a {@code $push} per message, each of which made
     * the embedded store copy and re-encode the whole open segment.
     */
    private final Map<String, Appended> appended = new java.util.LinkedHashMap<>();
    /**
     * Within a processor batch: the verdict lists to store, by "id:day", written in one bulk write
     * before the segments (a segment never names a list that is not stored). One upsert per list and
     * message had been a round trip of its own, half a store round trip per message in the benchmark
     * profile (issue 19, eleventh session). Remembered in {@link #storedVerdicts} only once written.
     */
    private final Map<String, PendingList> pendingVerdicts = new java.util.LinkedHashMap<>();
    private boolean batching;
    private final io.bulwark.admin.support.BatchBoundaries boundaries = new io.bulwark.admin.support.BatchBoundaries(this);

    /** A verdict list a batch stores: its id, the day it was used, and the upsert that says both. */
    private record PendingList(String id, long day, org.bson.conversions.Bson update) {
    }

    /** What a batch appends to one segment. */
    private record Appended(long hour, int number, List<Document> messages, long[] upTo) {
    }

    private record Segment(long hour, int number, int size, long upTo) {
        String id() {
            return hour + ":" + number;
        }
    }

    public PreviewInputsProjection(MongoDatabase database) {
        this.segments = database.getCollection(SEGMENTS);
        this.verdicts = database.getCollection(VERDICTS);
    }

    @EventHandler
    void on(MessageScannedEvent event, @Timestamp Instant stored, TrackingToken token) {
        count(event, stored, token == null ? Long.MIN_VALUE : token.position().orElse(Long.MIN_VALUE));
    }

    /**
     * Counts one recorded message (what the event handler does; public for the benchmark, which
     * fills the read model without a processor).
     *
     * @param stored   when the event was stored (used when the event carries no scan time)
     * @param position the event's global index; {@link Long#MIN_VALUE} when unknown (then a
     *                 redelivery is not recognised)
     */
    public void count(MessageScannedEvent event, Instant stored, long position) {
        Instant at = event.at() != null ? event.at() : stored;
        long hour = Math.floorDiv(at.getEpochSecond(), 3600);
        prune(hour);
        Segment segment = open.computeIfAbsent(hour, this::lastSegment);
        if (position != Long.MIN_VALUE && segment.upTo() >= position) {
            return; // counted before a redelivery
        }
        if (segment.size() >= SEGMENT_SIZE) {
            segment = new Segment(hour, segment.number() + 1, 0, Long.MIN_VALUE);
        }
        MessageRef ref = event.message();
        List<String> decision = new ArrayList<>();
        List<String> full = new ArrayList<>();
        for (List<ModuleVerdict> v : RecordedShape.recordedVerdicts(event)) {
            decision.add(store(RecordedShape.decisionVerdicts(v), hour));
            full.add(store(v, hour));
        }
        Document message = new Document("q", ref.queueId()).append("at", at.toString()).append("s", ref.sender())
                .append("c", ref.clientAddress()).append("r", ref.recipients()).append("v", decision).append("x", full);
        if (batching) {
            Segment target = segment;
            Appended batch = appended.computeIfAbsent(segment.id(),
                    id -> new Appended(hour, target.number(), new ArrayList<>(), new long[1]));
            batch.messages().add(message);
            batch.upTo()[0] = position;
        } else {
            segments.updateOne(Filters.eq("_id", segment.id()), append(hour, segment.number(), List.of(message),
                    position), new UpdateOptions().upsert(true));
        }
        open.put(hour, new Segment(hour, segment.number(), segment.size() + 1, position));
    }

    private static org.bson.conversions.Bson append(long hour, int number, List<Document> messages, long upTo) {
        return Updates.combine(Updates.setOnInsert("h", hour), Updates.setOnInsert("k", number),
                Updates.inc("n", messages.size()), Updates.set("upTo", upTo), Updates.pushEach("m", messages));
    }

    @Override
    public io.bulwark.admin.support.BatchBoundaries documents() {
        return boundaries;
    }

    @Override
    public void open(List<?> messages) {
        appended.clear();
        pendingVerdicts.clear();
        batching = true;
    }

    /**
     * Writes what the batch stored: its new verdict lists in one bulk write, then one update per
     * segment in another.
     */
    @Override
    public void flush() {
        if (!pendingVerdicts.isEmpty()) {
            List<com.mongodb.client.model.WriteModel<Document>> lists = new ArrayList<>(pendingVerdicts.size());
            pendingVerdicts.values().forEach(list -> lists.add(new com.mongodb.client.model.UpdateOneModel<>(
                    Filters.eq("_id", list.id()), list.update(), new UpdateOptions().upsert(true))));
            verdicts.bulkWrite(lists, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
            storedVerdicts.addAll(pendingVerdicts.keySet());
            pendingVerdicts.clear();
        }
        List<com.mongodb.client.model.WriteModel<Document>> writes = new ArrayList<>(appended.size());
        appended.forEach((id, batch) -> writes.add(new com.mongodb.client.model.UpdateOneModel<>(Filters.eq("_id", id),
                append(batch.hour(), batch.number(), batch.messages(), batch.upTo()[0]),
                new UpdateOptions().upsert(true))));
        appended.clear();
        batching = false;
        if (!writes.isEmpty()) {
            segments.bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(true));
        }
    }

    /**
     * The batch rolled back: forget its messages, its verdict lists not yet written, and the open
     * segments' sizes, which counted them; the segments are read back from the store when the batch
     * comes again.
     */
    @Override
    public void discard() {
        appended.clear();
        pendingVerdicts.clear();
        batching = false;
        open.clear();
    }

    private Segment lastSegment(long hour) {
        Document last = segments.find(Filters.eq("h", hour)).projection(Projections.exclude("m"))
                .sort(Sorts.descending("k")).first();
        return last == null ? new Segment(hour, 0, 0, Long.MIN_VALUE)
                : new Segment(hour, last.getInteger("k"), last.getInteger("n"), last.getLong("upTo"));
    }

    /** This read model's recorded messages as in-memory columns, refreshed by what changed (ADR 0038). */
    public PreviewColumns columns(java.time.Clock clock) {
        return new PreviewColumns(segments, clock);
    }

    @ResetHandler
    void reset() {
        appended.clear();
        segments.deleteMany(new Document());
        open.clear();
        verdicts.deleteMany(new Document());
        storedVerdicts.clear();
        pendingVerdicts.clear();
        prunedBelowHour = Long.MIN_VALUE;
    }

    /**
     * The shapes recorded at or after the hour {@code since} falls in, up to the hour of
     * {@code until}, with the decision verdicts they name.
     */
    public Window window(Instant since, Instant until) {
        return window(since, until, Instant.now());
    }

    /** As {@link #window(Instant, Instant)}, stamped as read at {@code readAt}. */
    public Window window(Instant since, Instant until, Instant readAt) {
        long from = Math.floorDiv(since.getEpochSecond(), 3600);
        long to = Math.floorDiv(until.getEpochSecond(), 3600);
        Map<List<Object>, ShapeBuilder> shapes = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (Document d : segments.find(Filters.and(Filters.gte("h", from), Filters.lte("h", to)))) {
            for (Document m : d.getList("m", Document.class)) {
                List<String> v = m.getList("v", String.class);
                List<String> r = m.getList("r", String.class);
                List<Object> key = Arrays.asList(m.getString("s"), m.getString("c"), r, v);
                ShapeBuilder shape = shapes.computeIfAbsent(key, k -> new ShapeBuilder(m.getString("s"),
                        m.getString("c"), r, v));
                if (shape.count++ == 0) {
                    ids.addAll(v);
                }
                shape.example(new RecordedShape.ExampleRef(m.getString("q"), Instant.parse(m.getString("at")),
                        m.getList("x", String.class)));
            }
        }
        List<RecordedShape> out = new ArrayList<>(shapes.size());
        shapes.values().forEach(b -> out.add(b.build()));
        return new Window(Instant.ofEpochSecond(from * 3600), out, verdicts(ids), readAt);
    }

    /** One shape while a window is read: its count and its earliest messages by scan time and id. */
    private static final class ShapeBuilder {
        private static final Comparator<RecordedShape.ExampleRef> EARLIEST = Comparator
                .comparing(RecordedShape.ExampleRef::at).thenComparing(RecordedShape.ExampleRef::queueId);
        private final String sender;
        private final String client;
        private final List<String> recipients;
        private final List<String> signatures;
        private final List<RecordedShape.ExampleRef> examples = new ArrayList<>(1);
        private long count;

        ShapeBuilder(String sender, String client, List<String> recipients, List<String> signatures) {
            this.sender = sender;
            this.client = client;
            this.recipients = recipients;
            this.signatures = signatures;
        }

        void example(RecordedShape.ExampleRef ref) {
            if (examples.size() == EXAMPLES_PER_SHAPE) {
                if (EARLIEST.compare(ref, examples.getLast()) >= 0) {
                    return;
                }
                examples.removeLast();
            }
            int at = 0;
            while (at < examples.size() && EARLIEST.compare(examples.get(at), ref) <= 0) {
                at++;
            }
            examples.add(at, ref);
        }

        RecordedShape build() {
            return new RecordedShape(sender, client, recipients, signatures, count, examples);
        }
    }

    /**
     * Shapes of a preview window.
     *
     * @param since      the first moment counted (the start of the hour of the requested start)
     * @param shapes     the shapes
     * @param signatures decision verdicts by id, for every id the shapes name
     * @param readAt     when it was read
     */
    public record Window(Instant since, List<RecordedShape> shapes, Map<String, List<ModuleVerdict>> signatures,
            Instant readAt) {
        public Window {
            shapes = List.copyOf(shapes);
            signatures = Map.copyOf(signatures);
        }
    }

    /** Verdict lists by id (decision verdicts, or the full verdicts of examples). */
    public Map<String, List<ModuleVerdict>> verdicts(Collection<String> ids) {
        Map<String, List<ModuleVerdict>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (Document d : verdicts.find(Filters.in("_id", ids))) {
            try {
                out.put(d.getString("_id"), json.readValue(d.getString("json"), VERDICT_LIST));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable verdicts " + d.getString("_id"), e);
            }
        }
        return out;
    }

    /**
     * Stores a verdict list once (by content) and returns its id. The document remembers the last
     * day a message used it ({@code d}, days since the epoch), so pruning can drop the lists no kept
     * segment names: written at most once per list and day (the set remembers list and day).
     */
    private String store(List<ModuleVerdict> list, long hour) {
        String text;
        try {
            text = json.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("verdicts not writable as JSON", e);
        }
        String id = "v" + hash(text);
        long day = Math.floorDiv(hour, 24);
        if (storedVerdicts.size() > STORED_VERDICTS_REMEMBERED) {
            storedVerdicts.clear(); // verdicts with per-message reasons are mostly distinct: bound the memory
        }
        String key = id + ":" + day;
        if (storedVerdicts.contains(key)) {
            return id;
        }
        org.bson.conversions.Bson update = Updates.combine(Updates.setOnInsert("json", text), Updates.max("d", day));
        if (batching) {
            pendingVerdicts.putIfAbsent(key, new PendingList(id, day, update));
        } else {
            verdicts.updateOne(Filters.eq("_id", id), update, new UpdateOptions().upsert(true));
            storedVerdicts.add(key);
        }
        return id;
    }

    private void prune(long hour) {
        long below = hour - Duration.ofDays(KEEP_DAYS).toHours();
        if (below >= prunedBelowHour + 24) {
            segments.deleteMany(Filters.lt("h", below));
            // a kept segment's hour h >= below used its lists on day floor(h / 24) or later
            long belowDay = Math.floorDiv(below, 24);
            verdicts.deleteMany(Filters.lt("d", belowDay));
            open.keySet().removeIf(h -> h < below);
            appended.values().removeIf(a -> a.hour() < below); // not to be written back after the delete
            pendingVerdicts.values().removeIf(list -> list.day() < belowDay);
            prunedBelowHour = below;
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
