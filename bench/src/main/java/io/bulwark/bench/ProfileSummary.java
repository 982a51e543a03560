package io.bulwark.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a flight recording of the appliance taken while it received and delivered a known number
 * of messages ({@code bench/profile.sh}) and prints per-message counts that do not depend on how
 * busy the machine was: events stored (by type), store round trips (by command), fsyncs (by what
 * was forced: spool, store, other), bytes allocated; then where the CPU samples fell (by thread
 * kind and by the first Bulwark frame), which does depend on load and is read as shares only.
 *
 * <p>Command line: {@code ProfileSummary --jfr FILE --messages N [--cpu-ms N] [--top 15]}.
 * Uses the JDK's own recording reader ({@code jdk.jfr.consumer}); nothing to parse by hand.
 */
public final class ProfileSummary {

    private final Map<String, Long> stored = new TreeMap<>();
    private final Map<String, Long> commands = new TreeMap<>();
    private final Map<String, Long> fsyncs = new TreeMap<>();
    private final Map<String, Long> samplesByThread = new TreeMap<>();
    private final Map<String, Long> samplesByFrame = new TreeMap<>();
    private final Map<String, Long> samplesByPackage = new TreeMap<>();
    private final Map<String, Long> commandsByCollection = new TreeMap<>();
    private final Map<String, Long> allocatedByFrame = new TreeMap<>();
    private final Map<String, Long> commandsByShape = new TreeMap<>();
    private final Map<String, Long> queriesByCollection = new TreeMap<>();
    private final Map<String, Long> examinedByCollection = new TreeMap<>();
    private final Map<String, Long> queriesByShape = new TreeMap<>();
    private final Map<String, Long> examinedByShape = new TreeMap<>();
    private final Map<String, Long> encodedDocsByCollection = new TreeMap<>();
    private final Map<String, Long> encodedBytesByCollection = new TreeMap<>();
    private long samples;
    private double allocatedBytes;

    public static void main(String[] args) throws IOException {
        Cli cli = Cli.parse(args);
        ProfileSummary summary = new ProfileSummary();
        summary.read(Path.of(cli.require("jfr")));
        long messages = Long.parseLong(cli.require("messages"));
        double cpuMs = Double.parseDouble(cli.get("cpu-ms", "-1"));
        int top = Integer.parseInt(cli.get("top", "15"));
        System.out.print(summary.render(messages, cpuMs, top));
    }

    void read(Path file) throws IOException {
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            switch (event.getEventType().getName()) {
                case "io.bulwark.EventStored" -> stored.merge(event.getString("payloadType"), 1L, Long::sum);
                case "io.bulwark.StoreCommand" -> {
                    commands.merge(event.getString("command"), 1L, Long::sum);
                    if (event.hasField("collection")) {
                        commandsByCollection.merge(event.getString("command") + " " + event.getString("collection"),
                                1L, Long::sum);
                    }
                    if (event.hasField("shape")) {
                        commandsByShape.merge(event.getString("command") + " " + event.getString("collection")
                                + " {" + event.getString("shape") + "}", 1L, Long::sum);
                    }
                }
                case "io.bulwark.StoreQuery" -> {
                    queriesByCollection.merge(event.getString("collection"), 1L, Long::sum);
                    examinedByCollection.merge(event.getString("collection"), (long) event.getInt("examined"), Long::sum);
                    if (event.hasField("shape")) { // since issue 19's sixth session: the filter inside the store
                        String shape = event.getString("collection") + " {" + event.getString("shape") + "}";
                        queriesByShape.merge(shape, 1L, Long::sum);
                        examinedByShape.merge(shape, (long) event.getInt("examined"), Long::sum);
                    }
                }
                case "io.bulwark.StoreEncode" -> {
                    encodedDocsByCollection.merge(event.getString("collection"), 1L, Long::sum);
                    encodedBytesByCollection.merge(event.getString("collection"), (long) event.getInt("bytes"), Long::sum);
                }
                case "jdk.FileForce" -> fsyncs.merge(forced(event.getString("path")), 1L, Long::sum);
                case "jdk.ObjectAllocationSample" -> {
                    allocatedBytes += event.getLong("weight");
                    allocatedByFrame.merge(firstBulwarkFrame(event.getStackTrace()), event.getLong("weight"), Long::sum);
                }
                case "jdk.ExecutionSample" -> sample(event);
                default -> {
                }
            }
        }
    }

    /** What an fsync forced, from the file's path: the spool, the embedded store, or something else. */
    static String forced(String path) {
        if (path == null) {
            return "other";
        }
        if (path.contains("/spool")) {
            return "spool";
        }
        if (path.contains("/store") || path.endsWith(".mv.db")) {
            return "store";
        }
        return "other";
    }

    private void sample(RecordedEvent event) {
        samples++;
        RecordedThread thread = event.getThread("sampledThread");
        samplesByThread.merge(threadKind(thread == null ? null : thread.getJavaName()), 1L, Long::sum);
        RecordedStackTrace stack = event.getStackTrace();
        samplesByFrame.merge(firstBulwarkFrame(stack), 1L, Long::sum);
        // inclusive: every Bulwark package on the stack counts the sample once
        Set<String> packages = new HashSet<>();
        if (stack != null) {
            for (RecordedFrame f : stack.getFrames()) {
                String type = f.getMethod().getType().getName();
                if (type.startsWith("io.bulwark.") && type.lastIndexOf('.') > 0) {
                    String cls = type.indexOf('$') > 0 ? type.substring(0, type.indexOf('$')) : type;
                    packages.add(cls.substring("io.bulwark.".length(), cls.lastIndexOf('.')));
                }
            }
        }
        for (String p : packages) {
            samplesByPackage.merge(p, 1L, Long::sum);
        }
    }

    private static String firstBulwarkFrame(RecordedStackTrace stack) {
        if (stack != null) {
            for (RecordedFrame f : stack.getFrames()) {
                String type = f.getMethod().getType().getName();
                if (type.startsWith("io.bulwark.")) {
                    return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
                }
            }
        }
        return "(no Bulwark frame)";
    }

    /** Thread names without their numbers, so that pools add up. */
    static String threadKind(String name) {
        if (name == null || name.isEmpty()) {
            return "(virtual or unnamed)";
        }
        return name.replaceAll("[-#]?\\d+", "").replaceAll("[-_]+$", "");
    }

    String render(long messages, double cpuMs, int top) {
        StringBuilder out = new StringBuilder();
        out.append("messages: ").append(messages).append('\n');
        if (cpuMs >= 0) {
            out.append(String.format("CPU of the appliance process: %.2f ms/msg%n", cpuMs / messages));
        }
        table(out, "events stored", stored, messages, Integer.MAX_VALUE);
        table(out, "store commands (round trips)", commands, messages, Integer.MAX_VALUE);
        table(out, "store commands by collection", commandsByCollection, messages, top * 2);
        table(out, "store commands by filter shape", commandsByShape, messages, top * 3);
        storeCost(out, messages, top * 2);
        table(out, "fsyncs (FileChannel.force)", fsyncs, messages, Integer.MAX_VALUE);
        out.append(String.format("allocated (sampled weight): %.1f KB/msg%n", allocatedBytes / 1024 / messages));
        sorted(allocatedByFrame).stream().limit(top).forEach(e -> out.append(String.format("  %-40s %10.1f KB/msg%n",
                e.getKey(), e.getValue() / 1024.0 / messages)));
        out.append("CPU samples: ").append(samples).append('\n');
        shares(out, "by thread kind", samplesByThread, top);
        shares(out, "by first Bulwark frame", samplesByFrame, top);
        shares(out, "inclusive, by Bulwark package on the stack", samplesByPackage, top * 2);
        return out.toString();
    }

    /** Inside the embedded store: documents compared per query, and documents/bytes encoded into pages. */
    private void storeCost(StringBuilder out, long messages, int top) {
        if (queriesByCollection.isEmpty() && encodedDocsByCollection.isEmpty()) {
            return;
        }
        long examined = examinedByCollection.values().stream().mapToLong(Long::longValue).sum();
        long bytes = encodedBytesByCollection.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format("embedded store: %.1f documents examined/msg, %.1f KB encoded/msg%n",
                (double) examined / messages, bytes / 1024.0 / messages));
        out.append(String.format("  %-28s %10s %12s %12s %10s %12s%n", "collection", "queries/msg", "examined/q",
                "examined/msg", "docs enc/msg", "KB enc/msg"));
        Map<String, Long> weight = new TreeMap<>(examinedByCollection);
        encodedBytesByCollection.forEach((c, b) -> weight.merge(c, b / 100, Long::sum));
        sorted(weight).stream().limit(top).map(Map.Entry::getKey).forEach(c -> {
            long queries = queriesByCollection.getOrDefault(c, 0L);
            long seen = examinedByCollection.getOrDefault(c, 0L);
            out.append(String.format("  %-28s %10.2f %12.1f %12.1f %10.1f %12.1f%n", c, (double) queries / messages,
                    queries == 0 ? 0.0 : (double) seen / queries, (double) seen / messages,
                    (double) encodedDocsByCollection.getOrDefault(c, 0L) / messages,
                    encodedBytesByCollection.getOrDefault(c, 0L) / 1024.0 / messages));
        });
        if (!examinedByShape.isEmpty()) {
            out.append(String.format("  %-60s %10s %12s %12s%n", "by filter inside the store", "queries/msg",
                    "examined/q", "examined/msg"));
            sorted(examinedByShape).stream().limit(top).forEach(e -> {
                long queries = queriesByShape.getOrDefault(e.getKey(), 0L);
                out.append(String.format("  %-60s %10.2f %12.1f %12.1f%n", e.getKey(), (double) queries / messages,
                        queries == 0 ? 0.0 : (double) e.getValue() / queries, (double) e.getValue() / messages));
            });
        }
    }

    private static void table(StringBuilder out, String title, Map<String, Long> counts, long messages, int top) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format("%s: %d, %.2f per message%n", title, total, (double) total / messages));
        sorted(counts).stream().limit(top).forEach(e -> out.append(String.format("  %-40s %8d  %6.2f/msg%n",
                e.getKey(), e.getValue(), (double) e.getValue() / messages)));
    }

    private void shares(StringBuilder out, String title, Map<String, Long> counts, int top) {
        out.append(title).append(":\n");
        sorted(counts).stream().limit(top).forEach(e -> out.append(String.format("  %-50s %5.1f %%%n",
                e.getKey(), 100.0 * e.getValue() / Math.max(1, samples))));
    }

    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
        return new LinkedHashMap<>(counts).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).toList();
    }
}
