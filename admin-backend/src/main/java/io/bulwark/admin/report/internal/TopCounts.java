package io.bulwark.admin.report.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Counts of the most frequent keys (senders, domains, threats) within a fixed capacity: the
 * "Space-Saving" scheme (Metwally, Agrawal, El Abbadi, 2005). While fewer than {@code capacity}
 * distinct keys were seen the counts are exact; after that a new key replaces the key with the
 * smallest count and inherits that count plus one. So a count is never too low for a key that is
 * kept, it is too high by at most the smallest count at the time of the replacement, and every key
 * seen more than {@code n / capacity} times in the bucket is kept. Written here because it is a
 * dozen lines over a map that must be stored as a BSON list; no library on the classpath keeps
 * such a sketch in a form we can persist per bucket.
 *
 * <p>Not thread-safe: one per bucket, used by the projection's single thread.
 */
public final class TopCounts {
    private final int capacity;
    private final Map<String, Long> counts;

    public TopCounts(int capacity) {
        this(capacity, new HashMap<>());
    }

    private TopCounts(int capacity, Map<String, Long> counts) {
        this.capacity = capacity;
        this.counts = counts;
    }

    /** Counts one more occurrence of the key. */
    public void add(String key) {
        if (key == null || key.isEmpty()) {
            return;
        }
        Long n = counts.get(key);
        if (n != null) {
            counts.put(key, n + 1);
        } else if (counts.size() < capacity) {
            counts.put(key, 1L);
        } else {
            Map.Entry<String, Long> min = counts.entrySet().stream()
                    .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow();
            counts.remove(min.getKey());
            counts.put(key, min.getValue() + 1);
        }
    }

    /** The counts, largest first (ties by key), as stored: a list of {@code {k, n}}. */
    public List<Document> toBson() {
        List<Document> list = new ArrayList<>();
        sorted(counts).forEach((k, n) -> list.add(new Document("k", k).append("n", n)));
        return list;
    }

    /** Read back from {@link #toBson()}. */
    public static TopCounts fromBson(int capacity, List<Document> stored) {
        Map<String, Long> counts = new HashMap<>();
        if (stored != null) {
            stored.forEach(d -> counts.put(d.getString("k"), ((Number) d.get("n")).longValue()));
        }
        return new TopCounts(capacity, counts);
    }

    /** Adds stored counts of one bucket into a sum over buckets (no capacity: a report's merge). */
    public static void sumInto(Map<String, Long> sum, List<Document> stored) {
        if (stored != null) {
            stored.forEach(d -> sum.merge(d.getString("k"), ((Number) d.get("n")).longValue(), Long::sum));
        }
    }

    /** The {@code limit} largest of summed counts, largest first, ties by key. */
    public static LinkedHashMap<String, Long> top(Map<String, Long> sum, int limit) {
        LinkedHashMap<String, Long> top = new LinkedHashMap<>();
        sum.entrySet().stream().sorted(ORDER).limit(limit).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static final Comparator<Map.Entry<String, Long>> ORDER =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private static LinkedHashMap<String, Long> sorted(Map<String, Long> counts) {
        return top(counts, Integer.MAX_VALUE);
    }
}
