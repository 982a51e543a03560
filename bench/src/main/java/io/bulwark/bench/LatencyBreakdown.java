package io.bulwark.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a message's DATA→250 wall time goes, from a flight recording of the appliance
 * ({@code bench/profile.sh} with {@code SESSIONS=1}): the intake stages ({@code io.bulwark.IntakeStage}:
 * spool, judge, process inside judge, commit), the pipeline's scan ({@code io.bulwark.Scan}), each
 * check's run ({@code io.bulwark.CheckRun}), DNS questions ({@code io.bulwark.DnsQuestion}) and
 * fsyncs ({@code jdk.FileForce}). Per item: count, p50, mean and p90 in milliseconds. Checks run in
 * parallel, so their times do not add up to the scan's.
 *
 * <p>Command line: {@code LatencyBreakdown --jfr FILE}.
 */
public final class LatencyBreakdown {
    private final Map<String, List<Double>> stages = new TreeMap<>();
    private final Map<String, List<Double>> checks = new TreeMap<>();
    private final Map<String, List<Double>> other = new TreeMap<>();
    private final List<RecordedEvent> spools = new ArrayList<>();
    private final List<RecordedEvent> judges = new ArrayList<>();
    private final List<RecordedEvent> questions = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        Cli cli = Cli.parse(args);
        LatencyBreakdown b = new LatencyBreakdown();
        b.read(Path.of(cli.require("jfr")));
        System.out.print(b.render());
    }

    void read(Path file) throws IOException {
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            double ms = e.getDuration().toNanos() / 1e6;
            switch (e.getEventType().getName()) {
                case "io.bulwark.IntakeStage" -> {
                    add(stages, e.getString("stage"), ms);
                    if ("spool".equals(e.getString("stage"))) {
                        spools.add(e);
                    } else if ("judge".equals(e.getString("stage"))) {
                        judges.add(e);
                    }
                }
                case "io.bulwark.Scan" -> add(stages, "scan (pipeline)", ms);
                case "io.bulwark.CheckRun" -> add(checks, e.getString("check"), ms);
                case "io.bulwark.DnsQuestion" -> {
                    add(other, "DNS question " + e.getString("type"), ms);
                    questions.add(e);
                }
                case "jdk.FileForce" -> add(other, "fsync " + ProfileSummary.forced(e.getString("path")), ms);
                default -> {
                }
            }
        }
    }

    private static void add(Map<String, List<Double>> into, String key, double ms) {
        into.computeIfAbsent(key == null ? "?" : key, k -> new ArrayList<>()).add(ms);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| stage | count | p50 ms | mean ms | p90 ms |\n|---|---|---|---|---|\n");
        stages.forEach((k, v) -> row(out, k, v));
        out.append("\n| check (parallel; does not add up) | count | p50 ms | mean ms | p90 ms |\n|---|---|---|---|---|\n");
        checks.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, List<Double>> en) -> -mean(en.getValue())))
                .forEach(en -> row(out, en.getKey(), en.getValue()));
        out.append("\n| other | count | p50 ms | mean ms | p90 ms |\n|---|---|---|---|---|\n");
        other.forEach((k, v) -> row(out, k, v));
        out.append(whenAsked());
        return out.toString();
    }

    /**
     * When the DNS questions were resolved relative to the content: started while it was still
     * being spooled (before the end-of-data dot had arrived, or while it was written) or while the
     * message was judged (on the reply's critical path). Counts, so they do not depend on load; and
     * the DNS time spent inside judging (questions overlapping it, clipped to it).
     */
    private String whenAsked() {
        long duringSpool = 0;
        long duringJudge = 0;
        List<Double> waited = new ArrayList<>();
        for (RecordedEvent q : questions) {
            if (within(q, spools)) {
                duringSpool++;
            } else if (within(q, judges)) {
                duringJudge++;
            }
        }
        for (RecordedEvent j : judges) {
            double ms = 0;
            for (RecordedEvent q : questions) {
                java.time.Instant from = max(q.getStartTime(), j.getStartTime());
                java.time.Instant to = min(q.getEndTime(), j.getEndTime());
                if (from.isBefore(to)) {
                    ms += java.time.Duration.between(from, to).toNanos() / 1e6;
                }
            }
            waited.add(ms);
        }
        double messages = Math.max(1, judges.size());
        StringBuilder out = new StringBuilder("\n| DNS questions per message | count |\n|---|---|\n");
        out.append(String.format(Locale.ROOT, "| started while the content was spooled | %.2f |%n", duringSpool / messages));
        out.append(String.format(Locale.ROOT, "| started while the message was judged | %.2f |%n", duringJudge / messages));
        if (!waited.isEmpty()) {
            StringBuilder row = new StringBuilder();
            row(row, "DNS question time inside judging (summed, overlaps counted twice)", waited);
            out.append("\n| stage | count | p50 ms | mean ms | p90 ms |\n|---|---|---|---|---|\n").append(row);
        }
        return out.toString();
    }

    private static boolean within(RecordedEvent q, List<RecordedEvent> stages) {
        for (RecordedEvent s : stages) {
            if (!q.getStartTime().isBefore(s.getStartTime()) && !q.getStartTime().isAfter(s.getEndTime())) {
                return true;
            }
        }
        return false;
    }

    private static java.time.Instant max(java.time.Instant a, java.time.Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static java.time.Instant min(java.time.Instant a, java.time.Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void row(StringBuilder out, String name, List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        out.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", name, s.size(),
                s.get(s.size() / 2), mean(s), s.get((int) Math.min(s.size() - 1, Math.floor(s.size() * 0.9)))));
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
