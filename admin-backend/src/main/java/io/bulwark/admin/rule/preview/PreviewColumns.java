package io.bulwark.admin.rule.preview;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * The preview read model's recorded messages held in this node's memory as compact columns
 * (ADR 0038), so that a preview reads the store only for what changed since the last one.
 *
 * <p>Each message is six ints and a queue id: the epoch second and nanosecond of its scan time,
 * and dictionary numbers of its sender, client address, recipient list, decision-verdict ids and
 * full-verdict ids (each distinct value is kept once; 100k messages of diverse traffic are a few
 * MB). Messages live per segment document of {@link PreviewInputsProjection}: the first use reads
 * every segment of the last {@value PreviewInputsProjection#KEEP_DAYS} days (the one slow read, a
 * few seconds per 100k messages on the embedded store); later uses read by {@code _id} only the
 * segments that can have changed: of the current hour, the next one and the {@value #RECENT_HOURS}
 * before it, the last segment while it is not full and the next one, at most eight ids, which the
 * embedded store answers in constant time per id. A reset of the read model (rebuild) is recognised by the
 * store holding fewer segments than this copy, and everything is read again
 * {@link #FULL_READ_EVERY} after the last full read (for messages a lagging processor appended to an
 * older hour).
 *
 * <p>Thread-safe: {@link #snapshot} is synchronized and returns an immutable snapshot; the columns
 * of a segment are never changed once published (a grown segment is replaced).
 */
public final class PreviewColumns {
    private final MongoCollection<Document> segments;
    private final Clock clock;
    private final Dictionary<String> strings = new Dictionary<>();
    private final Dictionary<List<String>> lists = new Dictionary<>();
    /** Segments by hour, then by number in the hour. */
    private final TreeMap<Long, TreeMap<Integer, Segment>> byHour = new TreeMap<>();
    private Snapshot last;
    private long version;
    private Instant fullReadAt = Instant.MIN;

    /**
     * Hours before the current one whose last segment is read again while it is not full: a
     * message is counted into the hour of its scan time, which a processor that keeps up reaches
     * within minutes.
     */
    static final int RECENT_HOURS = 2;
    /** Everything is read again this long after the last full read (catches a processor that lagged for hours). */
    static final Duration FULL_READ_EVERY = Duration.ofHours(1);

    PreviewColumns(MongoCollection<Document> segments, Clock clock) {
        this.segments = segments;
        this.clock = clock;
    }

    /** One segment document's messages as columns. */
    record Segment(long hour, int number, int size, long[] seconds, int[] nanos, int[] sender, int[] client,
            int[] recipients, int[] signatures, int[] full, String[] queueIds) {
    }

    /**
     * The recorded messages as of now.
     *
     * @param version  changes whenever anything was read that changed the copy
     * @param segments segments in hour and number order
     * @param strings  the dictionary of senders and client addresses (append-only; shared)
     * @param lists    the dictionary of recipient lists and verdict-id lists (append-only; shared)
     */
    public record Snapshot(long version, List<Segment> segments, Dictionary<String> strings,
            Dictionary<List<String>> lists) {
    }

    /** Reads what changed since the last call and returns the recorded messages as of now. */
    public synchronized Snapshot snapshot() {
        long nowHour = Math.floorDiv(clock.instant().getEpochSecond(), 3600);
        long oldest = nowHour - Duration.ofDays(PreviewInputsProjection.KEEP_DAYS).toHours();
        Instant now = clock.instant();
        boolean changed = !byHour.headMap(oldest).isEmpty();
        byHour.headMap(oldest).clear();
        int held = byHour.values().stream().mapToInt(Map::size).sum();
        if (last == null || fullReadAt.plus(FULL_READ_EVERY).isBefore(now)
                || segments.estimatedDocumentCount() < held) {
            byHour.clear();
            fullReadAt = now;
            for (Document d : segments.find(Filters.gte("h", oldest))) {
                put(d);
            }
            changed = true;
        } else {
            // rounds until nothing new: a busy hour may have filled several segments since the last call
            for (boolean found = true; found; ) {
                found = false;
                List<String> ids = new ArrayList<>();
                for (long h = Math.max(oldest, nowHour - RECENT_HOURS); h <= nowHour + 1; h++) {
                    TreeMap<Integer, Segment> hour = byHour.get(h);
                    if (hour == null) {
                        ids.add(h + ":0");
                    } else {
                        Segment s = hour.lastEntry().getValue();
                        if (s.size() < PreviewInputsProjection.SEGMENT_SIZE) {
                            ids.add(h + ":" + s.number());
                        }
                        ids.add(h + ":" + (s.number() + 1));
                    }
                }
                // a message stamped outside the recent hours (a processor more than RECENT_HOURS
                // behind, or a clock far ahead) waits for the next full read
                for (Document d : segments.find(Filters.in("_id", ids))) {
                    Segment known = byHour.getOrDefault(d.getLong("h"), new TreeMap<>()).get(d.getInteger("k"));
                    if (known == null || known.size() != d.getInteger("n")) {
                        found |= known == null;
                        put(d);
                        changed = true;
                    }
                }
            }
        }
        if (changed || last == null) {
            List<Segment> all = new ArrayList<>();
            byHour.values().forEach(h -> all.addAll(h.values()));
            last = new Snapshot(++version, List.copyOf(all), strings, lists);
        }
        return last;
    }

    private void put(Document d) {
        List<Document> messages = d.getList("m", Document.class);
        int n = messages.size();
        long[] seconds = new long[n];
        int[] nanos = new int[n];
        int[] sender = new int[n];
        int[] client = new int[n];
        int[] recipients = new int[n];
        int[] signatures = new int[n];
        int[] full = new int[n];
        String[] queueIds = new String[n];
        for (int i = 0; i < n; i++) {
            Document m = messages.get(i);
            Instant at = Instant.parse(m.getString("at"));
            seconds[i] = at.getEpochSecond();
            nanos[i] = at.getNano();
            sender[i] = strings.id(m.getString("s"));
            client[i] = strings.id(m.getString("c"));
            recipients[i] = lists.id(List.copyOf(m.getList("r", String.class)));
            signatures[i] = lists.id(List.copyOf(m.getList("v", String.class)));
            full[i] = lists.id(List.copyOf(m.getList("x", String.class)));
            queueIds[i] = m.getString("q");
        }
        long hour = d.getLong("h");
        int number = d.getInteger("k");
        byHour.computeIfAbsent(hour, h -> new TreeMap<>()).put(number, new Segment(hour, number, n, seconds, nanos,
                sender, client, recipients, signatures, full, queueIds));
    }

    /**
     * Distinct values numbered in order of first appearance; {@code null} is a value too. Append-only:
     * a number once given keeps its value, so snapshots may share the dictionary. Lookups of numbers
     * handed out before a snapshot are safe from other threads because they are published by the
     * synchronized {@link #snapshot}.
     */
    public static final class Dictionary<T> {
        private final Map<T, Integer> ids = new HashMap<>();
        private volatile Object[] values = new Object[256];
        private int size;

        synchronized int id(T value) {
            Integer known = ids.get(value);
            if (known != null) {
                return known;
            }
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size] = value;
            ids.put(value, size);
            return size++;
        }

        /** The value numbered {@code id}. */
        @SuppressWarnings("unchecked")
        public T value(int id) {
            return (T) values[id];
        }
    }
}
