package io.bulwark.bench.jmh;

import io.bulwark.admin.rule.preview.FoldedPreview;
import io.bulwark.admin.rule.preview.PreviewColumns;
import io.bulwark.admin.rule.preview.PreviewInputsProjection;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.policy.ImpactPreview;
import io.bulwark.store.StoreConnection;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rule-change impact preview from its read model (ADR 0030, docs/history.md): {@code messages}
 * recorded scans counted into {@link PreviewInputsProjection} on the embedded store (H2 file, as
 * the appliance runs it), then single-shot previews as {@code RulePreviews} makes them: read the
 * window's shapes, judge each once under the rule list as it is and with the edited Default rule,
 * read the examples' verdicts. The fill is timed too (printed: wall and CPU per message), which is
 * the read model's write cost.
 *
 * <p>{@code traffic}: {@code distinct} is {@link RulePreviewBenchmark}'s data, where sender, client
 * and recipients never repeat together (every message its own shape: the worst case);
 * {@code repeating} draws senders from 300 correspondents with a skew (a few write most), each from
 * its own server, to 200 users, 1 in 4 also to one of 20 team addresses, with per-message reasons
 * and scores (which the shapes ignore).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Daxon.axonserver.enabled=false"})
public class RulePreviewReadModelBenchmark {

    /** Recorded messages. */
    @Param({"100000"})
    public int messages;

    /** Which recorded traffic (see the class comment). */
    @Param({"repeating", "distinct"})
    public String traffic;

    private Path directory;
    private StoreConnection connection;
    private PreviewInputsProjection projection;
    private List<RuleEntry> rules;
    private RuleEntry edited;
    private RuleEntry editedOther;
    private Instant now;

    @Setup(Level.Trial)
    public void open() throws IOException {
        rules = RulePresets.initialRules();
        RuleEntry def = rules.stream().filter(r -> r.kind() == RuleKind.DEFAULT).findFirst().orElseThrow();
        RuleDefinition d = def.definition();
        edited = def.withDefinition(d.withModule(ProtectionModule.ANTI_SPAM,
                d.module(ProtectionModule.ANTI_SPAM).with(ScanStatus.PROBABLE_SPAM,
                        new StatusAction(Action.REJECT, true, ""))));
        editedOther = def.withDefinition(d.withModule(ProtectionModule.ANTI_SPAM,
                d.module(ProtectionModule.ANTI_SPAM).with(ScanStatus.SPAM,
                        new StatusAction(Action.DELETE_MESSAGE, true, ""))));
        directory = Files.createTempDirectory("bulwark-jmh-preview-rm");
        connection = StoreConnection.embedded(directory.resolve("bulwark.mv"), false);
        projection = new PreviewInputsProjection(connection.client().getDatabase("bulwark"));
        SplittableRandom random = new SplittableRandom(15);
        // seven days of traffic, evenly spread, so the window holds 7 * 24 hours of shapes
        now = Instant.now();
        Instant start = now.minus(Duration.ofDays(7)).plusSeconds(3600);
        long step = Duration.ofDays(7).minusHours(2).toMillis() / messages;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long process = processCpuNanos();
        long started = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            MessageScannedEvent s = "distinct".equals(traffic) ? RulePreviewBenchmark.scanned(i, random)
                    : repeating(i, random);
            Instant at = start.plusMillis(step * i);
            s = new MessageScannedEvent(s.message(), s.report(), s.decisions(), s.dataRejected(), at);
            projection.count(s, at, i + 1L);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        double processSeconds = (processCpuNanos() - process) / 1e9;
        System.out.printf("%n[%s] counted %,d messages into the read model in %.1f s (%.0f µs/message wall, "
                + "%.0f µs/message CPU in the counting thread, %.0f µs in the whole process); shapes in the window: %,d%n",
                traffic, messages, wall, wall * 1e6 / messages, cpuSeconds * 1e6 / messages,
                processSeconds * 1e6 / messages, projection.window(now.minus(Duration.ofDays(7)), now).shapes().size());
    }

    private static MessageScannedEvent repeating(int i, SplittableRandom random) {
        ScanStatus[] spam = {ScanStatus.NOT_SPAM, ScanStatus.NOT_SPAM, ScanStatus.PROBABLE_SPAM, ScanStatus.SPAM};
        int correspondent = random.nextInt(random.nextInt(300) + 1);
        double score = random.nextInt(100) / 10.0;
        List<ModuleVerdict> verdicts = List.of(
                ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, random.nextInt(50) == 0 ? ScanStatus.INFECTED : ScanStatus.CLEAN),
                new ModuleVerdict(ProtectionModule.ANTI_SPAM, spam[random.nextInt(spam.length)],
                        List.of("BAYES_SPAM (" + score + ")"), score, List.of()),
                ModuleVerdict.of(ProtectionModule.ANTI_PHISHING, ScanStatus.CLEAN),
                ModuleVerdict.of(ProtectionModule.SENDER_AUTHENTICATION, ScanStatus.PASS, "spf=pass",
                        "dkim=pass header.d=c" + correspondent + ".example"));
        String user = "user" + random.nextInt(200) + "@corp.example";
        List<String> rcpts = random.nextInt(4) == 0 ? List.of(user, "team" + random.nextInt(20) + "@corp.example")
                : List.of(user);
        String queueId = "Q" + Integer.toString(i, 36) + "RM";
        return new MessageScannedEvent(new MessageRef(queueId, queueId + "@bench.example", "news@c" + correspondent
                + ".example", rcpts, 20_480, "198.51." + (correspondent / 250) + "." + (correspondent % 250), "bench"),
                new ScanReport(verdicts, Map.of(), 12), List.of(new RecipientGroupDecision("default", "Default",
                        rcpts, Action.SKIP, Action.SKIP, List.of(), false, List.of(), List.of(), verdicts)),
                false, Instant.now());
    }

    /** One preview over the last seven days from the read model; returns the changed count. */
    @Benchmark
    public int preview() {
        ImpactPreview preview = new ImpactPreview(rules, edited, GlobalListsView.empty(), 20);
        PreviewInputsProjection.Window window = projection.window(now.minus(Duration.ofDays(7)), now);
        window.shapes().forEach(shape -> preview.add(shape, window.signatures()::get));
        ImpactPreview.Result r = preview.result(projection.verdicts(preview.exampleVerdicts())::get);
        if (r.messages() != messages) {
            throw new IllegalStateException("previewed " + r.messages() + " of " + messages);
        }
        return r.changed();
    }

    /**
     * A preview from a window already read (what {@code RulePreviews} answers from its short-lived
     * cache while an administrator edits): judging and the examples' verdicts only.
     */
    @Benchmark
    public int previewFromCachedWindow() {
        if (cached == null) {
            cached = projection.window(now.minus(Duration.ofDays(7)), now);
        }
        PreviewInputsProjection.Window window = cached;
        ImpactPreview preview = new ImpactPreview(rules, edited, GlobalListsView.empty(), 20);
        window.shapes().forEach(shape -> preview.add(shape, window.signatures()::get));
        return preview.result(projection.verdicts(preview.exampleVerdicts())::get).changed();
    }

    private PreviewInputsProjection.Window cached;

    private PreviewColumns columns;
    private FoldedPreview.Base base;
    private int edits;

    /**
     * ADR 0038, cold: a node's first preview. The recorded messages are read into in-memory
     * columns, folded into shapes, the rules per recipient computed, then the edit judged by
     * decision classes.
     */
    @Benchmark
    public int foldedFirst() {
        columns = projection.columns(java.time.Clock.systemUTC());
        return folded(true);
    }

    /**
     * ADR 0038, what the REST API's preview costs on a node that has previewed before while mail
     * flows: {@value #NEW_PER_FRESH} new messages are counted into the read model (their cost is
     * included), then the columns read what changed (by id), the window is brought up to date (the
     * changed segment folded again), the rules per recipient extended to the new shapes, and the
     * edit judged.
     */
    @Benchmark
    public int foldedFresh() {
        if (columns == null) {
            columns = projection.columns(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
            window = null;
            base = null;
        }
        SplittableRandom random = new SplittableRandom(fresh);
        for (int i = 0; i < NEW_PER_FRESH; i++) {
            MessageScannedEvent s = repeating(messages + fresh * NEW_PER_FRESH + i, random);
            s = new MessageScannedEvent(s.message(), s.report(), s.decisions(), s.dataRejected(), now.minusSeconds(60));
            projection.count(s, s.at(), position++);
            added++;
        }
        fresh++;
        long from = Math.floorDiv(now.minus(Duration.ofDays(7)).getEpochSecond(), 3600);
        long to = Math.floorDiv(now.getEpochSecond(), 3600);
        PreviewColumns.Snapshot snapshot = columns.snapshot();
        window = window == null ? new FoldedPreview.Window(snapshot, from, to) : window.update(snapshot, from, to);
        base = new FoldedPreview.Base(window, rules, GlobalListsView.empty(), projection::verdicts, base);
        ImpactPreview.Result r = FoldedPreview.preview(base, edited, 20, projection::verdicts);
        if (r.messages() != messages + added) {
            throw new IllegalStateException("previewed " + r.messages() + " of " + (messages + added));
        }
        return r.changed();
    }

    static final int NEW_PER_FRESH = 10;
    private FoldedPreview.Window window;
    private int fresh;
    private long added;
    private long position = Long.MAX_VALUE / 2;

    /**
     * ADR 0038, the console's preview as the administrator edits: window and rules per recipient
     * kept, only the edit judged (alternating between two edits of the Default rule).
     */
    @Benchmark
    public int foldedEdit() {
        if (base == null) {
            columns = projection.columns(java.time.Clock.systemUTC());
            folded(true);
        }
        return judge(edits++ % 2 == 0 ? edited : editedOther);
    }

    private int folded(boolean rebuild) {
        PreviewColumns.Snapshot snapshot = columns.snapshot();
        FoldedPreview.Window window = new FoldedPreview.Window(snapshot,
                Math.floorDiv(now.minus(Duration.ofDays(7)).getEpochSecond(), 3600), Math.floorDiv(now.getEpochSecond(), 3600));
        base = new FoldedPreview.Base(window, rules, GlobalListsView.empty(), projection.verdicts(window.signatureIds()));
        return judge(edited);
    }

    private int judge(RuleEntry rule) {
        ImpactPreview.Result r = FoldedPreview.preview(base, rule, 20, projection::verdicts);
        if (r.messages() != messages) {
            throw new IllegalStateException("previewed " + r.messages() + " of " + messages);
        }
        return r.changed();
    }

    /** Only the read of the window's shapes (the rest of {@link #preview} is the judging). */
    @Benchmark
    public int readWindow() {
        return projection.window(now.minus(Duration.ofDays(7)), now).shapes().size();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        connection.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
