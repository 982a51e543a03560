package io.bulwark.admin.rule.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
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
import java.util.Collection;
import java.util.HashMap;
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
import org.bson.conversions.Bson;

/**
 * The rule-change impact preview's read model (ADR 0030): per hour of scan time, one document per
 * {@link RecordedShape} (recorded messages with the same envelope sender, client address,
 * recipients and per-recipient <em>decision verdicts</em>) with how many there were and the first
 * {@value #EXAMPLES_PER_SHAPE} of them by id; the decision verdicts and the examples' full verdicts
 * are kept once each, by content hash. A preview reads the shapes of its window instead of every
 * {@link MessageScannedEvent} since then, and judges each shape once.
 *
 * <p>Collections: {@value #SHAPES} ({@code _id} hour and shape hash; {@code h} epoch hour,
 * {@code s} sender, {@code c} client address, {@code r} recipients, {@code v} decision verdict ids,
 * {@code n} count, {@code ex} examples {@code {q, at, v}}, {@code upTo} global index of the last
 * event counted) and {@value #VERDICTS} ({@code _id} "v" and the first 32 hex digits of the
 * SHA-256 of {@code json}, the verdict list as JSON).
 *
 * <p>Counting is exact under redelivery: a tracking processor may hand an event over again after a
 * crash, and a count must not grow twice; a shape document remembers the global index of the last
 * event it counted ({@code upTo}) and an event at or below it is skipped (events reach a processor
 * in global order). Shapes older than {@value #KEEP_DAYS} days of scan time (the longest preview
 * plus one) are deleted as time moves on. Tracking processor {@value #PROCESSING_GROUP}, one
 * segment, one thread; the reset handler empties both collections, so a replay from zero rebuilds
 * the same documents.
 */
@ProcessingGroup(PreviewInputsProjection.PROCESSING_GROUP)
public class PreviewInputsProjection {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "rule-preview";
    /** Shapes per hour. */
    public static final String SHAPES = "rule_preview_shapes";
    /** Verdict lists by content hash. */
    public static final String VERDICTS = "rule_preview_verdicts";
    /** Examples kept per shape and hour (the preview shows at most this many). */
    public static final int EXAMPLES_PER_SHAPE = 20;
    /** Days of shapes kept: the longest preview window and one more. */
    public static final int KEEP_DAYS = 91;

    private static final TypeReference<List<ModuleVerdict>> VERDICT_LIST = new TypeReference<>() {
    };

    private final MongoCollection<Document> shapes;
    private final MongoCollection<Document> verdicts;
    /** Verdict ids known to be stored: saves a write per message for the few distinct decision verdicts. */
    private final Set<String> storedVerdicts = ConcurrentHashMap.newKeySet();
    // Jackson rather than a hand-made encoding: the verdicts are records Jackson reads back as they are
    private final ObjectMapper json = JsonMapper.builder().build();
    private long prunedBelowHour = Long.MIN_VALUE;

    public PreviewInputsProjection(MongoDatabase database) {
        this.shapes = database.getCollection(SHAPES);
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
        MessageRef ref = event.message();
        List<String> decisionIds = new ArrayList<>();
        List<List<ModuleVerdict>> recorded = RecordedShape.recordedVerdicts(event);
        for (List<ModuleVerdict> v : recorded) {
            decisionIds.add(store(RecordedShape.decisionVerdicts(v)));
        }
        String id = hour + ":" + hash(shapeKey(ref, decisionIds));
        Document existing = shapes.find(Filters.eq("_id", id)).first();
        if (existing == null) {
            shapes.insertOne(new Document("_id", id).append("h", hour).append("s", ref.sender())
                    .append("c", ref.clientAddress()).append("r", ref.recipients()).append("v", decisionIds)
                    .append("n", 1L).append("ex", List.of(example(ref, at, recorded))).append("upTo", position));
            return;
        }
        if (position != Long.MIN_VALUE && existing.getLong("upTo") >= position) {
            return; // counted before a redelivery
        }
        List<Bson> updates = new ArrayList<>(List.of(Updates.inc("n", 1L), Updates.set("upTo", position)));
        if (existing.getList("ex", Document.class).size() < EXAMPLES_PER_SHAPE) {
            updates.add(Updates.push("ex", example(ref, at, recorded)));
        }
        shapes.updateOne(Filters.eq("_id", id), Updates.combine(updates));
    }

    @ResetHandler
    void reset() {
        shapes.deleteMany(new Document());
        verdicts.deleteMany(new Document());
        storedVerdicts.clear();
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
        List<RecordedShape> out = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (Document d : shapes.find(Filters.and(Filters.gte("h", from), Filters.lte("h", to)))) {
            List<String> v = d.getList("v", String.class);
            ids.addAll(v);
            List<RecordedShape.ExampleRef> examples = new ArrayList<>();
            for (Document e : d.getList("ex", Document.class)) {
                examples.add(new RecordedShape.ExampleRef(e.getString("q"), Instant.parse(e.getString("at")),
                        e.getList("v", String.class)));
            }
            out.add(new RecordedShape(d.getString("s"), d.getString("c"), d.getList("r", String.class), v,
                    d.getLong("n"), examples));
        }
        return new Window(Instant.ofEpochSecond(from * 3600), out, verdicts(ids), readAt);
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

    private Document example(MessageRef ref, Instant at, List<List<ModuleVerdict>> recorded) {
        List<String> full = new ArrayList<>();
        for (List<ModuleVerdict> v : recorded) {
            full.add(store(v));
        }
        return new Document("q", ref.queueId()).append("at", at.toString()).append("v", full);
    }

    /** Stores a verdict list once (by content) and returns its id. */
    private String store(List<ModuleVerdict> list) {
        String text;
        try {
            text = json.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("verdicts not writable as JSON", e);
        }
        String id = "v" + hash(text);
        if (storedVerdicts.add(id)) {
            verdicts.updateOne(Filters.eq("_id", id), Updates.setOnInsert("json", text), new UpdateOptions().upsert(true));
        }
        return id;
    }

    private void prune(long hour) {
        long below = hour - Duration.ofDays(KEEP_DAYS).toHours();
        if (below >= prunedBelowHour + 24) {
            shapes.deleteMany(Filters.lt("h", below));
            prunedBelowHour = below;
        }
    }

    private static String shapeKey(MessageRef ref, List<String> decisionIds) {
        StringBuilder key = new StringBuilder().append(ref.sender()).append('\0').append(ref.clientAddress());
        for (int i = 0; i < ref.recipients().size(); i++) {
            key.append('\0').append(ref.recipients().get(i)).append('\0').append(decisionIds.get(i));
        }
        return key.toString();
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
