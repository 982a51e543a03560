package io.bulwark.admin.report.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of the most frequent keys (senders, domains, threats) within a fixed capacity: the
 * "Space-Saving" scheme (Metwally, Agrawal, El Abbadi, 2005). While fewer than {@code capacity}
 * distinct keys were seen the counts are exact; after that a new key replaces the key with the
 * smallest count and inherits that count plus one. So a count is never too low for a key that is
 * kept, it is too high by at most the smallest count at the time of the replacement, and every key
 * seen more than {@code n / capacity} times in the bucket is kept. Written here because it is a
 * dozen lines over a map that must be stored per bucket; no library on the classpath keeps
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

    /**
     * The counts, largest first (ties by key), as stored: one string of {@code count TAB key} lines.
     * One string rather than a BSON list of {@code {k, n}} documents because a month's report reads
     * hundreds of buckets and the embedded store decodes a 200-document list many times slower
     * than one string (measured, docs/reports.md). Keys never hold TAB or line breaks (addresses,
     * domains, symbol names); any that do are replaced by a space.
     */
    public String toStored() {
        StringBuilder b = new StringBuilder();
        sorted(counts).forEach((k, n) -> b.append(n).append('\t').append(clean(k)).append('\n'));
        return b.toString();
    }

    /** Read back from {@link #toStored()}. */
    public static TopCounts fromStored(int capacity, String stored) {
        Map<String, Long> counts = new HashMap<>();
        parse(stored, (k, n) -> counts.put(k, n));
        return new TopCounts(capacity, counts);
    }

    /** Adds stored counts of one bucket into a sum over buckets (no capacity: a report's merge). */
    public static void sumInto(Map<String, Long> sum, String stored) {
        parse(stored, (k, n) -> sum.merge(k, n, Long::sum));
    }

    private static void parse(String stored, java.util.function.ObjLongConsumer<String> entry) {
        if (stored == null || stored.isEmpty()) {
            return;
        }
        int start = 0;
        while (start < stored.length()) {
            int tab = stored.indexOf('\t', start);
            int end = stored.indexOf('\n', tab);
            entry.accept(stored.substring(tab + 1, end), Long.parseLong(stored, start, tab, 10));
            start = end + 1;
        }
    }

    private static String clean(String key) {
        return key.indexOf('\t') < 0 && key.indexOf('\n') < 0 && key.indexOf('\r') < 0 ? key
                : key.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /** The {@code limit} largest of summed counts, largest first, ties by key. */
    public static LinkedHashMap<String, Long> top(Map<String, Long> sum, int limit) {
        LinkedHashMap<String, Long> top = new LinkedHashMap<>();
        if (limit >= sum.size()) {
            sum.entrySet().stream().sorted(ORDER).forEach(e -> top.put(e.getKey(), e.getValue()));
            return top;
        }
        // a month can sum hundreds of thousands of keys: keep the best `limit` in a heap, not a full sort
        java.util.PriorityQueue<Map.Entry<String, Long>> best = new java.util.PriorityQueue<>(ORDER.reversed());
        for (Map.Entry<String, Long> e : sum.entrySet()) {
            best.add(e);
            if (best.size() > limit) {
                best.poll();
            }
        }
        best.stream().sorted(ORDER).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static final Comparator<Map.Entry<String, Long>> ORDER =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private static LinkedHashMap<String, Long> sorted(Map<String, Long> counts) {
        return top(counts, Integer.MAX_VALUE);
    }
}
