package io.bulwark.bench;

import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.antispam.bayes.BayesCheck;
import io.bulwark.scan.antispam.bayes.InMemoryTokenStore;
import io.bulwark.scan.antispam.bayes.Tokenizer;
import io.bulwark.scan.antispam.bulk.MassMailingCheck;
import io.bulwark.scan.antispam.gtube.GtubeCheck;
import io.bulwark.scan.antispam.rules.RulesCheck;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.TrustedNetworks;
import io.bulwark.scan.pipeline.CheckPipeline;
import io.bulwark.scan.pipeline.ModuleJudge;
import io.bulwark.scan.pipeline.ScanResults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The anti-spam accuracy run of issue 12 (docs/antispam.md, "Accuracy"): 5-fold cross-validation
 * on the development groups of the SpamAssassin public corpus only (easy-ham-1, spam-1, the first
 * 125 of hard-ham-1 by sorted file name; the reserved groups are never opened). Each group is
 * split into five folds by sorted file name (message i goes to fold i mod 5), so every fold has
 * the same mix. For each fold, Bayes is trained on the other four and the fold is scored by the
 * anti-spam checks as the gateway installs them with network checks off (GTUBE, the starter
 * rules, Bayes, mass mailing; no DNS lists), judged by {@link ModuleJudge} under the Default
 * rule's thresholds. With {@code --spamassassin}, the same folds go through Debian's SpamAssassin
 * in the same run: {@code sa-learn} on the same four training folds into a fresh Bayes database,
 * then {@code spamc} against a local-only {@code spamd} ({@code -L}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.bulwark.bench.AccuracyRun --data DIR --out DIR
 * [--spamassassin] [--spamd-throughput] [--spamc-clients N] [--spamd-port N] [--spamassassin-folds N]
 * [--spamassassin-stride K]}. {@code --spamd-throughput} scores every development message through
 * spamd after our folds (fold 1's Bayes database), for messages per second per core side by side
 * with ours over the whole development set; {@code --spamc-clients} runs that many spamc at once
 * (spamd's children as many; CPU time per message does not depend on it, wall time does);
 * {@code --spamd-deadline-minutes M} stops that pass after M minutes on a machine too loaded to
 * finish it (the messages are interleaved across the groups, so the part scored has the whole
 * set's mix, and the report says how many). The last
 * two make a shorter SpamAssassin side for the throughput comparison on a loaded machine: only the
 * first N folds, and of those only every K-th training and test message (its accuracy row then
 * covers that sample only and says so). Prints a Markdown report and writes it to
 * {@code OUT/accuracy.md}.
 */
public final class AccuracyRun {
    static final int FOLDS = 5;

    /** One development message. */
    record Sample(Path file, String group, boolean spam, int fold) {
    }

    /** Counts of one classifier over all folds, per group. */
    static final class Tally {
        final Map<String, int[]> byGroup = new TreeMap<>(); // group -> [flagged, total]
        long nanos;
        /** CPU time spent scoring (not training), all threads of the scorer, nanoseconds. */
        long cpuNanos;
        int scored;

        void add(Sample s, boolean flagged) {
            int[] t = byGroup.computeIfAbsent(s.group(), g -> new int[2]);
            if (flagged) {
                t[0]++;
            }
            t[1]++;
            scored++;
        }

        int flagged(boolean spamGroups) {
            return byGroup.entrySet().stream().filter(e -> e.getKey().startsWith("spam") == spamGroups)
                    .mapToInt(e -> e.getValue()[0]).sum();
        }

        int total(boolean spamGroups) {
            return byGroup.entrySet().stream().filter(e -> e.getKey().startsWith("spam") == spamGroups)
                    .mapToInt(e -> e.getValue()[1]).sum();
        }
    }

    private AccuracyRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--spamassassin") || args[i].equals("--spamd-throughput")) {
                opts.put(args[i].substring(2), "true");
            } else {
                opts.put(args[i].substring(2), args[++i]);
            }
        }
        Path data = CorpusBuilder.spamAssassinData(Path.of(opts.getOrDefault("data", "bench/target/accuracy")));
        if (data == null) {
            throw new IllegalArgumentException("no SpamAssassin corpus data under --data (run bench/accuracy.sh)");
        }
        Path out = Path.of(opts.getOrDefault("out", "bench/target/accuracy/report"));
        Files.createDirectories(out);
        List<Sample> samples = samples(data);
        Map<String, Tally> ours = new LinkedHashMap<>();
        ours.put("Bulwark, spam (rating >= 70)", new Tally());
        ours.put("Bulwark, spam or probable spam (rating >= 40)", new Tally());
        Tally sa = opts.containsKey("spamassassin") ? new Tally() : null;
        Tally saThroughput = opts.containsKey("spamd-throughput") ? new Tally() : null;
        int port = Integer.parseInt(opts.getOrDefault("spamd-port", "17830"));
        int clients = Integer.parseInt(opts.getOrDefault("spamc-clients", "1"));
        Map<Integer, int[]> ratingHistogram = new TreeMap<>();
        StringBuilder ratings = new StringBuilder("group\tfile\tfold\trating\tsymbols\n");
        int saFolds = Integer.parseInt(opts.getOrDefault("spamassassin-folds", String.valueOf(FOLDS)));
        int saStride = Integer.parseInt(opts.getOrDefault("spamassassin-stride", "1"));
        if (saStride < 1 || (saStride > 1 && saStride % FOLDS == 0)) {
            // a multiple of the fold count would take every sampled message of a group from one fold
            throw new IllegalArgumentException("--spamassassin-stride must be 1 or not a multiple of " + FOLDS);
        }
        for (int fold = 0; fold < FOLDS; fold++) {
            runOurs(samples, fold, ours, ratingHistogram, ratings);
            if (sa != null && fold < saFolds) {
                List<Sample> saSamples = new ArrayList<>();
                for (int i = 0; i < samples.size(); i++) {
                    if (i % saStride == 0) {
                        saSamples.add(samples.get(i));
                    }
                }
                SpamAssassinSide.run(saSamples, fold, false, out.resolve("sa"), port, clients, sa);
            }
            System.err.printf(Locale.ROOT, "fold %d done%n", fold + 1);
        }
        if (saThroughput != null) {
            // spamd over every development message in this same run, with fold 1's Bayes database
            // (trained on folds 2-5): a throughput figure only, no accuracy (most were trained on)
            long minutes = Long.parseLong(opts.getOrDefault("spamd-deadline-minutes", "0"));
            long deadline = minutes <= 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
            SpamAssassinSide.run(samples, 0, true, out.resolve("sa"), port, clients, deadline, saThroughput);
            System.err.println("spamd throughput pass done");
        }
        Map<String, Tally> all = new LinkedHashMap<>(ours);
        if (sa != null) {
            String sample = saFolds >= FOLDS && saStride == 1 ? "" : String.format(Locale.ROOT,
                    ", sample: fold(s) 1-%d, every %d. message", Math.min(saFolds, FOLDS), saStride);
            all.put("SpamAssassin " + SpamAssassinSide.version() + " (spamd -L, Bayes via sa-learn, threshold 5.0"
                    + sample + ")", sa);
        }
        if (saThroughput != null) {
            all.put("THROUGHPUT ONLY, not accuracy: SpamAssassin " + SpamAssassinSide.version() + " spamd, "
                    + saThroughput.scored + " of " + samples.size() + " development messages (interleaved across the"
                    + " groups), fold 1's Bayes database, " + clients + " spamc at a time", saThroughput);
        }
        // per message: rating and symbols, for reading the misses (development data only)
        Files.writeString(out.resolve("ratings.tsv"), ratings);
        String report = report(samples, all, ratingHistogram);
        Files.writeString(out.resolve("accuracy.md"), report);
        System.out.println(report);
    }

    static List<Sample> samples(Path data) {
        List<Sample> samples = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (Path file : CorpusBuilder.spamAssassinDevelopmentFiles(data)) {
            String group = file.getParent().getFileName().toString();
            int i = index.merge(group, 1, Integer::sum) - 1;
            samples.add(new Sample(file, group, group.startsWith("spam"), i % FOLDS));
        }
        return samples;
    }

    static byte[] read(Path file) {
        try {
            return CorpusBuilder.stripMboxLine(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void runOurs(List<Sample> samples, int fold, Map<String, Tally> tallies,
            Map<Integer, int[]> histogram, StringBuilder ratings) {
        MessageViewParser parser = new MessageViewParser();
        InMemoryTokenStore store = new InMemoryTokenStore();
        for (Sample s : samples) {
            if (s.fold() != fold) {
                store.learn(Tokenizer.hashes(parser.parse(read(s.file()))), s.spam(), 1);
            }
        }
        List<Check> checks = List.of(new GtubeCheck(false), RulesCheck.starter(), new BayesCheck(store, 1),
                new MassMailingCheck());
        ScanServices services = ScanServices.builder().add(PublicSuffixList.class, PublicSuffixList.bundled())
                .add(TrustedNetworks.class, TrustedNetworks.none()).build();
        ModuleSettings settings = ModuleSettings.defaults(ProtectionModule.ANTI_SPAM);
        double spamAt = settings.number(ModuleOption.SPAM_THRESHOLD);
        double probableAt = settings.number(ModuleOption.PROBABLE_SPAM_THRESHOLD);
        Envelope envelope = new Envelope("sender@example.net", List.of("rcpt@corp.example"), "192.0.2.1", "mx.example.net");
        List<Tally> t = List.copyOf(tallies.values());
        try (CheckPipeline pipeline = new CheckPipeline(checks, SymbolRegistry.of(checks, Map.of()), Map.of(), services)) {
            long cpuStart = processCpuNanos();
            for (Sample s : samples) {
                if (s.fold() != fold) {
                    continue;
                }
                byte[] raw = read(s.file());
                long start = System.nanoTime();
                MessageView view = parser.parse(raw);
                ScanResults results = pipeline.scan(view, envelope, Set.of(ProtectionModule.ANTI_SPAM));
                ModuleVerdict v = ModuleJudge.judge(ProtectionModule.ANTI_SPAM, results.runsOf(ProtectionModule.ANTI_SPAM),
                        settings, pipeline.symbols());
                long nanos = System.nanoTime() - start;
                t.get(0).nanos += nanos;
                t.get(1).nanos += nanos;
                t.get(0).add(s, v.score() >= spamAt || v.statuses().contains(ScanStatus.SPAM));
                t.get(1).add(s, v.score() >= probableAt);
                ratings.append(s.group()).append('\t').append(s.file().getFileName()).append('\t').append(fold)
                        .append('\t').append(v.score()).append('\t').append(String.join(",", v.symbols().stream()
                                .map(sym -> sym.name() + "=" + sym.score()).toList())).append('\t')
                        .append(String.join(" | ", v.reasons())).append('\n');
                int bucket = (int) Math.min(100, Math.floor(v.score() / 10) * 10);
                histogram.computeIfAbsent(bucket, b -> new int[2])[s.spam() ? 1 : 0]++;
            }
            long cpu = processCpuNanos() - cpuStart;
            t.get(0).cpuNanos += cpu;
            t.get(1).cpuNanos += cpu;
        }
    }

    /** CPU time of this JVM (all threads, GC and JIT included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static String report(List<Sample> samples, Map<String, Tally> tallies, Map<Integer, int[]> histogram) {
        StringBuilder sb = new StringBuilder();
        Map<String, Long> groups = new TreeMap<>();
        samples.forEach(s -> groups.merge(s.group(), 1L, Long::sum));
        sb.append("Development set: ").append(groups).append(", ").append(FOLDS)
                .append("-fold cross-validation (fold = index mod 5 within each group, sorted by file name).\n\n");
        sb.append("| classifier | TP | FN | FP | TN | precision | recall | F1 | FP rate easy ham | FP rate hard ham |"
                + " ms/message | CPU ms/message | messages/s per core |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            int tp = t.flagged(true);
            int fn = t.total(true) - tp;
            int fp = t.flagged(false);
            int tn = t.total(false) - fp;
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = (double) tp / Math.max(1, tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            int[] easy = t.byGroup.getOrDefault("easy-ham-1", new int[2]);
            int[] hard = t.byGroup.getOrDefault("hard-ham-1", new int[2]);
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.4f | %.4f | %.4f | %.2f%% (%d/%d) |"
                            + " %.2f%% (%d/%d) | %.2f | %.2f | %.0f |%n", e.getKey(), tp, fn, fp, tn, precision, recall, f1,
                    100.0 * easy[0] / Math.max(1, easy[1]), easy[0], easy[1], 100.0 * hard[0] / Math.max(1, hard[1]),
                    hard[0], hard[1], t.scored == 0 ? 0 : t.nanos / 1e6 / t.scored,
                    t.scored == 0 ? 0 : t.cpuNanos / 1e6 / t.scored,
                    t.cpuNanos == 0 ? 0 : t.scored / (t.cpuNanos / 1e9)));
        }
        sb.append("\nBulwark rating histogram (all folds): | rating | ham | spam |\n|---|---|---|\n");
        histogram.forEach((b, c) -> sb.append(String.format(Locale.ROOT, "| %d-%d | %d | %d |%n", b,
                b == 100 ? 100 : b + 9, c[0], c[1])));
        return sb.toString();
    }

    /** Debian's SpamAssassin on the same folds: sa-learn on the training folds, spamc on the test fold. */
    static final class SpamAssassinSide {
        private SpamAssassinSide() {
        }

        static String version() {
            try {
                Process p = new ProcessBuilder("spamassassin", "--version").redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("version (\\S+)").matcher(text);
                return m.find() ? m.group(1) : "?";
            } catch (IOException | InterruptedException e) {
                return "?";
            }
        }

        /**
         * Trains (or keeps) the fold's Bayes database, then scores through spamd: the fold's own
         * messages, or with {@code everything} all messages (the throughput measurement over the
         * whole development set, where accuracy means nothing since most were trained on), with
         * {@code clients} spamc processes at a time.
         */
        static void run(List<Sample> samples, int fold, boolean everything, Path dir, int port, int clients,
                Tally tally) throws Exception {
            run(samples, fold, everything, dir, port, clients, Long.MAX_VALUE, tally);
        }

        /**
         * As above; with {@code everything}, the messages are scored interleaved across the groups
         * (each group's i-th message at i / group size), so that a pass stopped at {@code deadline}
         * (System.nanoTime) has scored the same mix of easy ham, hard ham and spam as the whole set.
         */
        static void run(List<Sample> samples, int fold, boolean everything, Path dir, int port, int clients,
                long deadline, Tally tally) throws Exception {
            Path foldDir = dir.resolve("fold" + (fold + 1));
            Path site = foldDir.resolve("site");
            Files.createDirectories(site);
            Path bayes = foldDir.resolve("bayes");
            Files.createDirectories(bayes);
            // local.cf of this fold: its own Bayes database, no auto-learning, no network tests
            Files.writeString(site.resolve("local.cf"), String.join("\n",
                    "bayes_path " + bayes.resolve("bayes"), "bayes_file_mode 0777", "use_bayes 1",
                    "bayes_auto_learn 0", "skip_rbl_checks 1", "use_razor2 0", "use_pyzor 0", "use_dcc 0",
                    "dns_available no", "") );
            for (String cf : List.of("init.pre", "v310.pre", "v312.pre", "v320.pre", "v330.pre", "v340.pre", "v341.pre",
                    "v342.pre", "v343.pre", "v400.pre", "v401.pre")) {
                Path pre = Path.of("/etc/spamassassin", cf);
                if (Files.exists(pre)) {
                    Files.copy(pre, site.resolve(cf), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path prefs = foldDir.resolve("user_prefs");
            Files.writeString(prefs, "");
            // sa-learn dominates the run's time and depends only on the training messages: a fold's
            // database is kept in DIR and trained again only when its training list differs
            // (training is not part of the throughput measurement either way)
            StringBuilder trainingList = new StringBuilder();
            for (Sample s : samples) {
                if (s.fold() != fold) {
                    trainingList.append(s.spam() ? "spam\t" : "ham\t").append(s.group()).append('/')
                            .append(s.file().getFileName()).append('\n');
                }
            }
            Path trained = foldDir.resolve("trained.list");
            if (Files.exists(trained) && Files.readString(trained).contentEquals(trainingList)) {
                System.err.printf(Locale.ROOT, "SpamAssassin fold %d: Bayes database trained on the same messages"
                        + " kept, not trained again%n", fold + 1);
            } else {
                Files.deleteIfExists(trained);
                deleteTree(bayes);
                Files.createDirectories(bayes);
                Path train = foldDir.resolve("train");
                deleteTree(train);
                for (boolean spam : List.of(true, false)) {
                    Path kind = train.resolve(spam ? "spam" : "ham");
                    Files.createDirectories(kind);
                    for (Sample s : samples) {
                        if (s.fold() != fold && s.spam() == spam) {
                            Files.write(kind.resolve(s.group() + "-" + s.file().getFileName()), read(s.file()));
                        }
                    }
                    exec(List.of("sa-learn", "--siteconfigpath=" + site, "--prefspath=" + prefs, "--no-sync",
                            spam ? "--spam" : "--ham", kind.toString()));
                }
                exec(List.of("sa-learn", "--siteconfigpath=" + site, "--prefspath=" + prefs, "--sync"));
                Files.writeString(trained, trainingList);
            }
            exec(List.of("chmod", "-R", "a+rwX", foldDir.toString()));
            Process spamd = new ProcessBuilder("spamd", "-L", "-x", "-s", "stderr", "--siteconfigpath=" + site,
                    "--listen=127.0.0.1:" + port, "--max-children=" + Math.max(2, clients), "-u", "nobody")
                    .redirectErrorStream(true).redirectOutput(foldDir.resolve("spamd.log").toFile()).start();
            try {
                waitForPort(port, spamd);
                StringBuilder scores = new StringBuilder("group\tfile\tscore\n");
                List<Sample> toScore = samples.stream().filter(s -> everything || s.fold() == fold).toList();
                if (everything) {
                    Map<String, Long> sizes = new HashMap<>();
                    toScore.forEach(s -> sizes.merge(s.group(), 1L, Long::sum));
                    Map<Sample, Double> key = new HashMap<>();
                    Map<String, Integer> seen = new HashMap<>();
                    for (Sample s : toScore) {
                        int i = seen.merge(s.group(), 1, Integer::sum) - 1;
                        key.put(s, (i + 0.5) / sizes.get(s.group()));
                    }
                    toScore = toScore.stream().sorted(java.util.Comparator.comparingDouble(key::get)).toList();
                }
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
                long cpuStart = treeCpuNanos(spamd.toHandle());
                long wallStart = System.nanoTime();
                try {
                    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                    for (Sample s : toScore) {
                        done.add(pool.submit(() -> {
                            if (System.nanoTime() > deadline) {
                                return null; // out of time: the pass reports what it scored
                            }
                            double[] answer = spamc(read(s.file()), port);
                            synchronized (tally) {
                                tally.add(s, answer[0] >= answer[1]);
                                scores.append(s.group()).append('\t').append(s.file().getFileName()).append('\t')
                                        .append(answer[0]).append('\n');
                            }
                            return null;
                        }));
                    }
                    for (java.util.concurrent.Future<?> f : done) {
                        f.get();
                    }
                } finally {
                    pool.shutdownNow();
                }
                // wall time per message as the clients saw it (with N clients at once: elapsed / messages)
                tally.nanos += (System.nanoTime() - wallStart);
                tally.cpuNanos += treeCpuNanos(spamd.toHandle()) - cpuStart;
                // per message, to compare with ours in ratings.tsv (development data only)
                Files.writeString(foldDir.resolve("scores.tsv"), scores);
            } finally {
                spamd.destroy();
                if (!spamd.waitFor(20, TimeUnit.SECONDS)) {
                    spamd.destroyForcibly();
                }
            }
        }

        /** One spamc round trip: {score, threshold}. */
        private static double[] spamc(byte[] raw, int port) throws IOException, InterruptedException {
            Process c = new ProcessBuilder("spamc", "-c", "-d", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true).start();
            try (var in = c.getOutputStream()) {
                in.write(raw);
            }
            String answer = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            c.waitFor();
            String[] parts = answer.split("/");
            double score = Double.parseDouble(parts[0]);
            double threshold = parts.length > 1 ? Double.parseDouble(parts[1]) : 5.0;
            if (score == 0 && threshold == 0) {
                throw new IllegalStateException("spamc could not reach spamd: " + answer);
            }
            return new double[] {score, threshold};
        }

        /**
         * CPU time of spamd and its children (Linux /proc): the parent's own and its reaped
         * children's time, plus each live child's own. spamc's time is not counted (the client is
         * not the filter), nor spamd's start-up (rule compilation) before the fold is scored.
         */
        static long treeCpuNanos(ProcessHandle spamd) throws IOException {
            long ticks = ticks(spamd.pid(), true);
            for (ProcessHandle child : spamd.descendants().toList()) {
                ticks += ticks(child.pid(), false);
            }
            return ticks * 1_000_000_000L / 100; // USER_HZ is 100 on Linux
        }

        private static long ticks(long pid, boolean withReapedChildren) throws IOException {
            Path stat = Path.of("/proc", String.valueOf(pid), "stat");
            if (!Files.exists(stat)) {
                return 0;
            }
            String text;
            try {
                text = Files.readString(stat);
            } catch (java.nio.file.NoSuchFileException gone) {
                return 0;
            }
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // fields after the name: state is f[0]; utime 14, stime 15, cutime 16, cstime 17 (1-based) -> f[11..14]
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withReapedChildren) {
                t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return t;
        }

        private static void deleteTree(Path root) throws IOException {
            if (!Files.exists(root)) {
                return;
            }
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }

        private static void waitForPort(int port, Process spamd) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (!spamd.isAlive()) {
                    throw new IllegalStateException("spamd exited with " + spamd.exitValue());
                }
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException e) {
                    Thread.sleep(200);
                }
            }
            throw new IllegalStateException("spamd did not listen on " + port);
        }

        private static void exec(List<String> command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            System.err.print(output);
        }
    }
}
