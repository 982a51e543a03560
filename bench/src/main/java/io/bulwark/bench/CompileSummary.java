package io.bulwark.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the JIT compiler did while the appliance ran ({@code COMPILES=1 bench/profile.sh}): read from
 * the JDK's own {@code jdk.Compilation} events. The compiler's share of a measured window is one of
 * the largest single costs in it (docs/benchmarks.md), and the thread totals cannot say what it
 * compiles, or whether it is catching up or going round in circles. This prints:
 * <ul>
 *   <li>for every 10 s of the recording, the compilations, those by C2 (level 4) and the C2 time:
 *       a C2 time near 10 s per 10 s means C2 never caught up (one C2 thread on two cores);</li>
 *   <li>for the measured window: compilations by level, and the C2 compilations split into a
 *       method's first C2 compilation and a repeated one (after a deoptimisation);</li>
 *   <li>the window's longest compilations, with their code size.</li>
 * </ul>
 * Durations are wall time: a compiler thread waiting for a core counts.
 *
 * <p>Command line: {@code CompileSummary --jfr FILE [--from EPOCH_MS --to EPOCH_MS] [--top 20]};
 * without a window the whole recording is the window.
 */
public final class CompileSummary {

    /** C2's tier. */
    static final int C2 = 4;
    private static final Duration BUCKET = Duration.ofSeconds(10);

    /** One compilation, as far as this summary needs it. */
    record Compilation(Instant start, Duration duration, int level, String method, long codeSize, boolean osr) {
    }

    private CompileSummary() {
    }

    public static void main(String[] args) throws IOException {
        Cli cli = Cli.parse(args);
        List<Compilation> all = read(Path.of(cli.require("jfr")));
        Instant from = cli.has("from") ? Instant.ofEpochMilli(Long.parseLong(cli.require("from"))) : Instant.MIN;
        Instant to = cli.has("to") ? Instant.ofEpochMilli(Long.parseLong(cli.require("to"))) : Instant.MAX;
        System.out.print(render(all, from, to, Integer.parseInt(cli.get("top", "20"))));
    }

    static List<Compilation> read(Path file) throws IOException {
        List<Compilation> compilations = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.Compilation")) {
                continue;
            }
            RecordedMethod method = event.getValue("method");
            String name = method == null ? "?" : method.getType().getName() + "." + method.getName();
            compilations.add(new Compilation(event.getStartTime(), event.getDuration(),
                    event.getShort("compileLevel"), name, event.getLong("codeSize"), event.getBoolean("isOsr")));
        }
        compilations.sort(Comparator.comparing(Compilation::start));
        return compilations;
    }

    /** The summary of {@code all} (in start order), with the window [from, to). */
    static String render(List<Compilation> all, Instant from, Instant to, int top) {
        StringBuilder out = new StringBuilder();
        if (all.isEmpty()) {
            return "no jdk.Compilation events in the recording\n";
        }
        Instant origin = all.getFirst().start();
        out.append("JIT compilations per 10 s of the recording (C2 time near 10 s: C2 busy the whole span):\n");
        out.append("  from (s)   all    C2   C2 time (s)\n");
        TreeMap<Long, long[]> buckets = new TreeMap<>();
        for (Compilation c : all) {
            long bucket = Duration.between(origin, c.start()).dividedBy(BUCKET);
            long[] b = buckets.computeIfAbsent(bucket, k -> new long[3]);
            b[0]++;
            if (c.level() == C2) {
                b[1]++;
                b[2] += c.duration().toMillis();
            }
        }
        boolean windowed = from.isAfter(Instant.MIN) || to.isBefore(Instant.MAX);
        buckets.forEach((bucket, b) -> out.append(String.format(Locale.ROOT, "  %8d %5d %5d %8.1f%s%n",
                bucket * BUCKET.toSeconds(), b[0], b[1], b[2] / 1000.0,
                windowed && overlaps(origin, bucket, from, to) ? "  window" : "")));

        Set<String> compiledByC2 = new HashSet<>();
        List<Compilation> window = new ArrayList<>();
        long[] byLevel = new long[5];
        long firstC2 = 0;
        long repeatedC2 = 0;
        long firstC2Ms = 0;
        long repeatedC2Ms = 0;
        long windowMs = 0;
        for (Compilation c : all) {
            boolean inside = !c.start().isBefore(from) && c.start().isBefore(to);
            boolean seenByC2 = c.level() == C2 && !compiledByC2.add(c.method() + (c.osr() ? " (OSR)" : ""));
            if (!inside) {
                continue;
            }
            window.add(c);
            windowMs += c.duration().toMillis();
            byLevel[Math.max(0, Math.min(4, c.level()))]++;
            if (c.level() == C2) {
                if (seenByC2) {
                    repeatedC2++;
                    repeatedC2Ms += c.duration().toMillis();
                } else {
                    firstC2++;
                    firstC2Ms += c.duration().toMillis();
                }
            }
        }
        out.append(String.format(Locale.ROOT,
                "in the window: %d compilations, %.1f s (levels 1-3: %d, C2: %d); C2 first compilations of a method %d"
                        + " (%.1f s), repeated %d (%.1f s)%n",
                window.size(), windowMs / 1000.0, byLevel[1] + byLevel[2] + byLevel[3], byLevel[4], firstC2,
                firstC2Ms / 1000.0, repeatedC2, repeatedC2Ms / 1000.0));
        out.append("the window's longest compilations:\n");
        window.stream().sorted(Comparator.comparing(Compilation::duration).reversed()).limit(top)
                .forEach(c -> out.append(String.format(Locale.ROOT, "  %7d ms  L%d %s%s  (%d bytes of code)%n",
                        c.duration().toMillis(), c.level(), c.method(), c.osr() ? " (OSR)" : "", c.codeSize())));
        return out.toString();
    }

    /** Whether the 10 s span {@code bucket} (counted from {@code origin}) overlaps [from, to). */
    private static boolean overlaps(Instant origin, long bucket, Instant from, Instant to) {
        Instant start = origin.plus(BUCKET.multipliedBy(bucket));
        return start.isBefore(to) && start.plus(BUCKET).isAfter(from);
    }
}
