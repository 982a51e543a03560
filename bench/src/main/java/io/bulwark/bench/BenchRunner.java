package io.bulwark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the benchmark plans against already running systems and appends one JSON line per
 * measurement. Starting and stopping the systems is {@code bench/run.sh}'s job; this class only
 * needs each system's SMTP port and root PIDs (for CPU and memory accounting), and the counting
 * sink every system relays to.
 *
 * <p>Plans, each alternating over the systems (the order rotates with every repetition, so slow
 * drift in outside load spreads over all systems instead of always hitting the last one):
 * <ul>
 *   <li>{@code main}: per repetition and system, one load run over a window of the mixed corpus
 *       (the same window for every system of that repetition) and one single-session latency run
 *       over 20 KB messages;</li>
 *   <li>{@code concurrency}: throughput at 1, 5, 20, 100, 500 sessions, in the given order on even
 *       repetitions and in reverse on odd ones ({@link #concurrencyOrder});</li>
 *   <li>{@code size}: throughput per message size (1 KB .. 10 MB);</li>
 *   <li>{@code idle}: idle sessions held by one system.</li>
 * </ul>
 *
 * <p>Per load run it records end-to-end msg/s (messages counted at the sink over the time from
 * the first connect to the last delivery), client-side latency percentiles, CPU ms per message of
 * the system's process tree (sink and load generator excluded), CPU of the sink and of the load
 * generator, the rest of the machine's CPU (outside noise), and peak RSS of the system's tree.
 *
 * <p>Command line: {@code BenchRunner --system NAME=PORT@PID[,PID...] (repeatable)
 * --sink 127.0.0.1:PORT@PID --out results.jsonl [--plans main,concurrency,size,idle]
 * [--corpus DIR] [--latency-corpus DIR] [--size-corpora DIR] [--reps 3] [--messages 3000]
 * [--sessions 20] [--lat-messages 200] [--concurrency 1,5,20,100,500] [--curve-min 200]
 * [--curve-per-session 10] [--curve-max 5000] [--sizes 1k,10k,100k,1m,10m] [--size-budget 200m]
 * [--idle-system NAME] [--idle-sessions 10000] [--idle-hold 20s] [--pause 2s]
 * [--deliver-timeout 300s] [--warmup 0] [--settle-quiet-pct 5] [--settle-max 120s] [--label full]
 * [--meta key=value (repeatable)]}
 *
 * <p>After each run's last delivery the runner waits until the system's tree is quiet and counts
 * that CPU as well ({@code cpu_ms_after_delivery}, {@code settle_s}); msg/s still ends at the last
 * delivery. {@code --warmup N} first sends N messages through every system, unrecorded in the
 * tables (plan {@code warmup} in the raw data).
 */
public final class BenchRunner {
    /** A system under test: name, SMTP port on loopback, root PIDs of its process trees. */
    public record Target(String name, int port, List<Integer> pids) {
        /** Parses {@code NAME=PORT@PID[,PID...]}. */
        public static Target parse(String spec) {
            int eq = spec.indexOf('=');
            int at = spec.indexOf('@');
            if (eq < 1 || at < eq) {
                throw new IllegalArgumentException("expected NAME=PORT@PID[,PID...]: " + spec);
            }
            List<Integer> pids = Arrays.stream(spec.substring(at + 1).split(","))
                    .filter(s -> !s.isBlank()).map(s -> Integer.parseInt(s.trim())).toList();
            return new Target(spec.substring(0, eq), Integer.parseInt(spec.substring(eq + 1, at)), pids);
        }
    }

    private final List<Target> systems;
    private final Target sink;
    private final String sinkHost;
    private final Path out;
    private final Cli cli;
    private final String label;
    private final Duration pause;
    private final Duration deliverTimeout;

    private BenchRunner(Cli cli) {
        this.cli = cli;
        this.systems = cli.all("system").stream().map(Target::parse).toList();
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("at least one --system NAME=PORT@PID");
        }
        String s = cli.require("sink");
        this.sinkHost = s.substring(0, s.indexOf(':'));
        Cli.loopback(sinkHost);
        this.sink = Target.parse("sink=" + s.substring(s.indexOf(':') + 1));
        this.out = Path.of(cli.require("out"));
        this.label = cli.get("label", "full");
        this.pause = cli.getDuration("pause", Duration.ofSeconds(2));
        this.deliverTimeout = cli.getDuration("deliver-timeout", Duration.ofSeconds(300));
    }

    /** Entry point: see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BenchRunner r = new BenchRunner(Cli.parse(args));
        r.meta();
        r.warmupPlan();
        for (String plan : r.cli.get("plans", "main,concurrency,size,idle").split(",")) {
            switch (plan.trim()) {
                case "main" -> r.mainPlan();
                case "concurrency" -> r.concurrencyPlan();
                case "size" -> r.sizePlan();
                case "idle" -> r.idlePlan();
                case "" -> {
                    // trailing comma
                }
                default -> throw new IllegalArgumentException("unknown plan " + plan);
            }
        }
    }

    private List<Target> rotated(int rep) {
        List<Target> l = new ArrayList<>(systems);
        Collections.rotate(l, -(rep % l.size()));
        return l;
    }

    private void mainPlan() throws Exception {
        int reps = cli.getInt("reps", 3);
        int messages = cli.getInt("messages", 3000);
        int sessions = cli.getInt("sessions", 20);
        int latMessages = cli.getInt("lat-messages", 200);
        Path corpusDir = Path.of(cli.require("corpus"));
        Path latDir = Path.of(cli.get("latency-corpus", cli.get("corpus", null)));
        for (int rep = 0; rep < reps; rep++) {
            Corpus window = Corpus.load(corpusDir, (long) rep * messages, messages);
            Corpus latWindow = Corpus.load(latDir, (long) rep * latMessages, latMessages);
            for (Target t : rotated(rep)) {
                measure(t, "main", rep, window, sessions, messages, Map.of());
                measure(t, "latency", rep, latWindow, 1, latMessages, Map.of("size_bytes", avgSize(latWindow)));
            }
        }
    }

    private void concurrencyPlan() throws Exception {
        Path corpusDir = Path.of(cli.require("corpus"));
        int min = cli.getInt("curve-min", 200);
        int perSession = cli.getInt("curve-per-session", 10);
        int max = cli.getInt("curve-max", 5000);
        int reps = cli.getInt("curve-reps", 1);
        int step = 0;
        for (int rep = 0; rep < reps; rep++) {
            for (int sessions : concurrencyOrder(cli.get("concurrency", "1,5,20,100,500"), rep)) {
                int messages = Math.min(max, Math.max(min, sessions * perSession));
                Corpus window = Corpus.load(corpusDir, 0, messages);
                for (Target t : rotated(step++)) {
                    measure(t, "concurrency", rep, window, sessions, messages, Map.of());
                }
            }
        }
    }

    /**
     * The concurrencies of one repetition: as given on even repetitions, reversed on odd ones, so
     * that with an even number of repetitions each runs first as often as last. Why: the first point
     * of a repetition paid more than the others, whichever concurrency it was (the compiler's tail
     * and whatever else the pause before it leaves); with a fixed order, 500 against 20 sessions came
     * out 0.95 with 500 first and 1.06 with 20 first (docs/benchmarks.md, fifteenth session).
     */
    static List<Integer> concurrencyOrder(String spec, int rep) {
        List<Integer> order = new ArrayList<>();
        for (String c : spec.split(",")) {
            order.add(Integer.parseInt(c.trim()));
        }
        if (rep % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    private void sizePlan() throws Exception {
        Path root = Path.of(cli.require("size-corpora"));
        long budget = Cli.size(cli.get("size-budget", "200m"));
        int sessions = cli.getInt("size-sessions", cli.getInt("sessions", 20));
        int min = cli.getInt("size-min-messages", 20);
        int max = cli.getInt("size-max-messages", 400);
        int reps = cli.getInt("curve-reps", 1);
        int step = 0;
        for (int rep = 0; rep < reps; rep++) {
            for (String s : cli.get("sizes", "1k,10k,100k,1m,10m").split(",")) {
                long size = Cli.size(s.trim());
                Path dir = root.resolve("size-" + Cli.sizeLabel(size));
                int messages = (int) Math.min(max, Math.max(min, budget / size));
                Corpus window = Corpus.load(dir, 0, messages);
                for (Target t : rotated(step++)) {
                    measure(t, "size", rep, window, Math.min(sessions, messages), messages,
                            Map.of("size_bytes", size));
                }
            }
        }
    }

    private void idlePlan() throws Exception {
        String name = cli.get("idle-system", systems.get(systems.size() - 1).name());
        Target t = systems.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no --system named " + name));
        int sessions = cli.getInt("idle-sessions", 10_000);
        Duration hold = cli.getDuration("idle-hold", Duration.ofSeconds(20));
        long rssBefore = ProcStats.rssKb(t.pids());
        AtomicLong peak = new AtomicLong(rssBefore);
        AtomicLong atHold = new AtomicLong();
        RssSampler sampler = new RssSampler(t.pids(), peak);
        sampler.start();
        IdleSessions.Result r;
        try {
            r = IdleSessions.run("127.0.0.1", t.port(), sessions, hold, cli.getInt("idle-connect-parallelism", 200),
                    () -> atHold.set(ProcStats.rssKb(t.pids())));
        } finally {
            sampler.stopAndJoin();
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("type", "idle");
        rec.put("label", label);
        rec.put("system", t.name());
        rec.putAll(r.toMap());
        rec.put("hold_s", hold.toMillis() / 1000.0);
        rec.put("rss_before_mb", mb(rssBefore));
        rec.put("rss_held_mb", mb(atHold.get()));
        rec.put("peak_rss_mb", mb(peak.get()));
        rec.put("kb_per_held_session", r.held() > 0 ? LoadGenerator.round((double) (atHold.get() - rssBefore) / r.held(), 1) : null);
        Json.append(out, rec);
        System.out.printf(Locale.ROOT, "idle        %-16s requested=%d greeted=%d held=%d rss %.0f -> %.0f MB%n",
                t.name(), r.requested(), r.greeted(), r.held(), mb(rssBefore), mb(atHold.get()));
    }

    private static long avgSize(Corpus c) {
        return c.bytes() / Math.max(1, c.size());
    }

    private static double mb(long kb) {
        return LoadGenerator.round(kb / 1024.0, 1);
    }

    /** One load run against {@code t}, measured and appended as a JSON line. */
    private void measure(Target t, String plan, int rep, Corpus corpus, int sessions, int messages,
                         Map<String, Object> extra) throws Exception {
        boolean targetIsSink = t.port() == sink.port();
        List<Integer> self = List.of((int) ProcessHandle.current().pid());
        // Conditions recorded with every figure (issue 19: a default run differed from the recorded
        // one by warm-up, store size and what else ran): the machine's load, what the system burns
        // while no mail flows, and how much mail it has already taken in this run (its store grows).
        String loadBefore = loadAverage();
        double idleBefore = idleCpuMsPerSecond(t);
        SinkServer.Stats s0 = SinkServer.query(sinkHost, sink.port());
        boolean peakReset = ProcStats.resetPeak(t.pids());
        ProcStats.Tree t0 = ProcStats.tree(t.pids());
        ProcStats.JvmThreads j0 = ProcStats.jvmThreads(t0.pids());
        ProcStats.Tree k0 = ProcStats.tree(sink.pids());
        long c0 = ProcStats.tree(self).cpuMillis();
        long[] m0 = ProcStats.machineMillis();
        long acc0 = System.nanoTime();
        AtomicLong sampled = new AtomicLong(t0.rssKb());
        RssSampler sampler = new RssSampler(t.pids(), sampled);
        sampler.start();
        long start = System.nanoTime();
        LoadGenerator.Result r;
        long delivered;
        boolean complete;
        try {
            r = new LoadGenerator(new LoadGenerator.Config("127.0.0.1", t.port(), sessions, messages, null,
                    Duration.ofMinutes(cli.getInt("run-timeout-min", 30)), "loadgen@bench.example",
                    cli.get("to-domain", "example.com"), !"off".equals(cli.get("pipelining", "auto")),
                    cli.getInt("per-session", 1)), corpus).run();
            // A relay answers 250 once the message is safe in its queue; the run ends when the
            // sink has seen every accepted message (or the delivery timeout passes).
            long deadline = System.nanoTime() + deliverTimeout.toNanos();
            delivered = SinkServer.query(sinkHost, sink.port()).messages() - s0.messages();
            while (delivered < r.ok() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                delivered = SinkServer.query(sinkHost, sink.port()).messages() - s0.messages();
            }
            complete = delivered >= r.ok();
        } finally {
            sampler.stopAndJoin();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        // Work a system does after the last delivery (e.g. Bulwark's projections catching up) is
        // part of what each message costs: wait until its tree goes quiet and count that CPU too.
        long settleStart = System.nanoTime();
        long atDelivery = ProcStats.tree(t.pids()).cpuMillis();
        settle(t);
        double settleSeconds = (System.nanoTime() - settleStart) / 1e9;
        long[] m1 = ProcStats.machineMillis();
        // Percentages use the window between the two machine samples, which also covers the
        // sampler start and the delivery wait; dividing by the load's wall time would overstate.
        double accSeconds = (System.nanoTime() - acc0) / 1e9;
        ProcStats.Tree t1 = ProcStats.tree(t.pids());
        ProcStats.JvmThreads j1 = ProcStats.jvmThreads(t1.pids());
        ProcStats.Tree k1 = ProcStats.tree(sink.pids());
        long c1 = ProcStats.tree(self).cpuMillis();
        long sysCpu = t1.cpuMillis() - t0.cpuMillis();
        long sinkCpu = targetIsSink ? 0 : k1.cpuMillis() - k0.cpuMillis();
        long clientCpu = c1 - c0;
        long busy = m1[1] - m0[1];
        long done = Math.min(delivered, r.ok());
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("type", "load");
        rec.put("label", label);
        rec.put("plan", plan);
        rec.put("system", t.name());
        rec.put("rep", rep);
        rec.put("sessions", sessions);
        rec.put("messages", messages);
        rec.putAll(extra);
        rec.put("corpus_bytes_avg", avgSize(corpus));
        rec.put("delivered", delivered);
        rec.put("delivery_complete", complete);
        rec.put("wall_s", LoadGenerator.round(wall, 3));
        rec.put("msgs_per_s", LoadGenerator.round(done / wall, 2));
        rec.putAll(r.toMap());
        rec.put("cpu_ms", sysCpu);
        rec.put("cpu_ms_after_delivery", t1.cpuMillis() - atDelivery);
        rec.put("settle_s", LoadGenerator.round(settleSeconds, 1));
        rec.put("cpu_ms_per_msg", done > 0 ? LoadGenerator.round((double) sysCpu / done, 3) : null);
        rec.put("cpu_pct", LoadGenerator.round(100.0 * sysCpu / (accSeconds * 1000), 1));
        if (j1.jitThreads() + j1.gcThreads() > 0) {
            // part of cpu_ms: the JVM's compiler and collector threads (a JVM system only)
            long[] service = j1.millisSince(j0);
            rec.put("jit_cpu_ms", service[0]);
            rec.put("gc_cpu_ms", service[1]);
            rec.put("jit_cpu_ms_per_msg", done > 0 ? LoadGenerator.round((double) service[0] / done, 3) : null);
            rec.put("gc_cpu_ms_per_msg", done > 0 ? LoadGenerator.round((double) service[1] / done, 3) : null);
        }
        rec.put("sink_cpu_ms", sinkCpu);
        rec.put("client_cpu_ms", clientCpu);
        // Per-process and machine-wide counters tick independently (10 ms granularity), so on a
        // short run the difference can dip below zero: that is zero within accounting precision.
        long other = Math.max(0, busy - sysCpu - sinkCpu - clientCpu);
        rec.put("other_cpu_pct", LoadGenerator.round(100.0 * other / (accSeconds * 1000), 1));
        rec.put("machine_busy_pct", LoadGenerator.round(100.0 * busy / (accSeconds * 1000), 1));
        rec.put("peak_rss_mb", mb(t1.hwmKb()));
        rec.put("peak_rss_reset", peakReset);
        rec.put("sampled_peak_rss_mb", mb(sampled.get()));
        rec.put("pids", t1.pids().size());
        rec.put("load_avg_before", loadBefore);
        rec.put("load_avg_after", loadAverage());
        rec.put("idle_cpu_ms_per_s_before", LoadGenerator.round(idleBefore, 1));
        rec.put("messages_before", sentBefore.getOrDefault(t.name(), 0L));
        sentBefore.merge(t.name(), (long) messages, Long::sum);
        Json.append(out, rec);
        @SuppressWarnings("unchecked")
        Map<String, Object> lat = (Map<String, Object>) rec.get("lat_ms");
        System.out.printf(Locale.ROOT,
                "%-11s rep%d %-16s s=%-4d %9.1f msg/s  ok=%d/%d  lat p50=%s p99=%s ms  cpu=%s ms/msg  rss=%.0f MB  other=%s%%%n",
                plan, rep, t.name(), sessions, done / wall, r.ok(), messages, lat.get("p50"), lat.get("p99"),
                rec.get("cpu_ms_per_msg"), mb(t1.hwmKb()), rec.get("other_cpu_pct"));
        Thread.sleep(pause.toMillis());
    }

    /** Messages sent to each system earlier in this run, warm-up included (the store's growth). */
    private final Map<String, Long> sentBefore = new java.util.HashMap<>();

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    static String loadAverage() {
        String all = readOr(Path.of("/proc/loadavg"), "? ? ?");
        String[] f = all.split(" ");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : all;
    }

    /**
     * CPU the system's tree uses while no mail flows, in ms per second, over {@code idle-sample}
     * (default 2 s; 0 skips it): its background work (pollers, timers, catching up), which every
     * message's CPU figure also carries.
     */
    private double idleCpuMsPerSecond(Target t) throws InterruptedException {
        Duration sample = cli.getDuration("idle-sample", Duration.ofSeconds(2));
        if (sample.isZero()) {
            return Double.NaN;
        }
        long c0 = ProcStats.tree(t.pids()).cpuMillis();
        long n0 = System.nanoTime();
        Thread.sleep(sample.toMillis());
        long c1 = ProcStats.tree(t.pids()).cpuMillis();
        return (c1 - c0) * 1e9 / (System.nanoTime() - n0);
    }

    /**
     * Waits until the system's tree used under {@code settle-quiet-pct} of one core (default 5 %)
     * over a second, at most {@code settle-max} (default 120 s).
     */
    private void settle(Target t) throws InterruptedException {
        double quietPct = Double.parseDouble(cli.get("settle-quiet-pct", "5"));
        long deadline = System.nanoTime() + cli.getDuration("settle-max", Duration.ofSeconds(120)).toNanos();
        long before = ProcStats.tree(t.pids()).cpuMillis();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long now = ProcStats.tree(t.pids()).cpuMillis();
            if ((now - before) * 100.0 / 1000 < quietPct) {
                return;
            }
            before = now;
        }
    }

    /**
     * Sends {@code warmup} messages (default 0) through every system before anything is measured,
     * recorded as plan {@code warmup}: a JVM compiles its hot code in the first thousands of
     * messages, and a gateway in service runs warm. The report leaves these runs out.
     */
    private void warmupPlan() throws Exception {
        int messages = cli.getInt("warmup", 0);
        if (messages <= 0) {
            return;
        }
        Corpus window = Corpus.load(Path.of(cli.require("corpus")), 0, messages);
        for (Target t : systems) {
            measure(t, "warmup", 0, window, cli.getInt("sessions", 20), messages, Map.of());
        }
    }

    private void meta() throws IOException {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("type", "meta");
        rec.put("label", label);
        rec.put("started", Instant.now().toString());
        rec.put("systems", systems.stream().map(Target::name).toList());
        rec.put("cpu_model", cpuModel());
        rec.put("cpus", Runtime.getRuntime().availableProcessors());
        rec.put("mem_total_mb", memTotalMb());
        rec.put("kernel", readOr(Path.of("/proc/sys/kernel/osrelease"), "?"));
        rec.put("runner_java", System.getProperty("java.version"));
        for (String kv : cli.all("meta")) {
            int eq = kv.indexOf('=');
            rec.put(eq > 0 ? kv.substring(0, eq) : kv, eq > 0 ? kv.substring(eq + 1) : "");
        }
        Json.append(out, rec);
    }

    private static String readOr(Path p, String def) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return def;
        }
    }

    private static String cpuModel() {
        for (String l : readOr(Path.of("/proc/cpuinfo"), "").split("\n")) {
            if (l.startsWith("model name")) {
                return l.substring(l.indexOf(':') + 1).trim();
            }
        }
        return "?";
    }

    private static long memTotalMb() {
        for (String l : readOr(Path.of("/proc/meminfo"), "").split("\n")) {
            if (l.startsWith("MemTotal:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return 0;
    }

    /** Samples the summed RSS of a tree four times a second and keeps the maximum. */
    private static final class RssSampler extends Thread {
        private final List<Integer> roots;
        private final AtomicLong peak;
        private volatile boolean stop;

        RssSampler(List<Integer> roots, AtomicLong peak) {
            super("rss-sampler");
            setDaemon(true);
            this.roots = roots;
            this.peak = peak;
        }

        @Override
        public void run() {
            while (!stop) {
                peak.accumulateAndGet(ProcStats.rssKb(roots), Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopAndJoin() throws InterruptedException {
            stop = true;
            interrupt();
            join();
            peak.accumulateAndGet(ProcStats.rssKb(roots), Math::max);
        }
    }
}
