package io.bulwark.bench.jmh;

import io.bulwark.bench.CorpusBuilder;
import io.bulwark.scan.antiphishing.links.LinkExtractor;
import io.bulwark.scan.antispam.MessageText;
import io.bulwark.scan.antispam.rules.RuleFile;
import io.bulwark.scan.antispam.rules.RuleInput;
import io.bulwark.scan.antispam.rules.RulesCheck;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.filetype.FileTypeDetector;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.TrustedNetworks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The anti-spam rule engine and file type detection. One invocation runs over the whole sample
 * ({@value #MESSAGES} messages, or {@value #PARTS} MIME parts) and is scored per message (part):
 * the corpus mix spans three orders of magnitude of size, so a window of it would measure the
 * window.
 *
 * <ul>
 *   <li>{@code rules}: {@link RulesCheck#fire} with the starter rules on a parsed view whose
 *       {@link MessageText} is already built (what the rule engine itself costs);</li>
 *   <li>{@code textAndRules}: {@link MessageText#render} then the rules, what the check does per
 *       message;</li>
 *   <li>{@code textAndLinks}: what the engines read of a message's body, as the pipeline asks for
 *       it: {@link MessageText#of} (the rules, Bayes, the URI block lists) and
 *       {@link LinkExtractor#extract} three times (the three anti-phishing checks), on a copy of the
 *       view with nothing derived yet (ADR 0040: one HTML parse and one link reading per
 *       message);</li>
 *   <li>{@code fileType}: {@link FileTypeDetector#detect} over the first
 *       {@value FileTypeDetector#HEAD_BYTES} bytes and the name of one MIME part (every part of
 *       the corpus in turn), with the node's detector: after the first invocation every part's
 *       content is known, so this is what content seen before costs (a SHA-256 of the head and a
 *       lookup; ADR 0041);</li>
 *   <li>{@code fileTypeUncached}: the same with a detector that keeps nothing, Tika's magic pass
 *       every time: what new content costs (and what {@code fileType} cost before ADR 0041).</li>
 * </ul>
 *
 * <p>{@code corpus}: {@code generated} (the bench mix, 1 KB to 1 MB, a quarter of it spam-like)
 * or a directory of messages, e.g. the SpamAssassin development set {@code bench/accuracy.sh}
 * extracts ({@code bench/target/accuracy/data}, searched recursively).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class RulesBenchmark {

    @Param({"generated"})
    public String corpus;

    /** false: every rule's expression on every message, as before the literal pre-filter (ADR 0036). */
    @Param({"true", "false"})
    public boolean prefilter;

    static final int MESSAGES = 500;
    static final int PARTS = 1000;

    private RuleInput[] inputs;
    private MessageView[] views;
    private MessagePart[] parts;
    private RulesCheck check;
    @Setup
    public void setUp() throws IOException {
        check = prefilter ? RulesCheck.starter() : RulesCheck.unfiltered(RuleFile.starter());
        List<byte[]> raw = sample(corpus);
        MessageViewParser parser = new MessageViewParser();
        views = new MessageView[MESSAGES];
        inputs = new RuleInput[MESSAGES];
        List<MessagePart> all = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            views[i] = parser.parse(raw.get(i % raw.size()));
            inputs[i] = input(views[i]);
            all.addAll(views[i].parts());
        }
        parts = new MessagePart[PARTS];
        for (int i = 0; i < PARTS; i++) {
            parts[i] = all.get(i % all.size());
        }
    }

    /**
     * The messages of {@code corpus}: {@value #MESSAGES} generated ones, or up to that many files
     * spread evenly over a directory tree, mbox separator lines removed.
     */
    public static List<byte[]> sample(String corpus) throws IOException {
        List<byte[]> raw = new ArrayList<>();
        if ("generated".equals(corpus)) {
            raw.addAll(CorpusBuilder.generatedMix(MESSAGES));
        } else {
            List<Path> files;
            try (var walk = Files.walk(Path.of(corpus))) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            // spread the sample over the whole directory tree (ham and spam groups alike)
            int step = Math.max(1, files.size() / MESSAGES);
            for (int i = 0; i < files.size() && raw.size() < MESSAGES; i += step) {
                raw.add(CorpusBuilder.stripMboxLine(Files.readAllBytes(files.get(i))));
            }
        }
        return raw;
    }

    /** What the rules check reads of one message: the view, its rendered text, the bench's envelope. */
    public static RuleInput input(MessageView view) {
        return new RuleInput(view, MessageText.render(view), ScanBenchmark.ENVELOPE, PublicSuffixList.bundled(),
                TrustedNetworks.none());
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void rules(Blackhole bh) {
        for (RuleInput input : inputs) {
            bh.consume(check.fire(input));
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void textAndLinks(Blackhole bh) {
        for (MessageView view : views) {
            MessageView fresh = unread(view);
            bh.consume(MessageText.of(fresh));
            for (int check = 0; check < 3; check++) {
                bh.consume(links.extract(fresh));
            }
        }
    }

    private final LinkExtractor links = new LinkExtractor();

    /**
     * The same message in a new view, with nothing derived from it yet (the 6-argument constructor
     * gives it an empty memo), so that each invocation reads it as the pipeline does a new message.
     */
    public static MessageView unread(MessageView view) {
        return new MessageView(view.headers(), view.parts(), view.rawSize(), view.problems(), view.rawHeader(),
                view.rawBody());
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void textAndRules(Blackhole bh) {
        for (MessageView view : views) {
            bh.consume(check.fire(input(view)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(PARTS)
    public void fileType(Blackhole bh) {
        for (MessagePart part : parts) {
            bh.consume(FileTypeDetector.shared().detect(part.head(FileTypeDetector.HEAD_BYTES), part.filename()));
        }
    }

    private final FileTypeDetector uncached = FileTypeDetector.uncached();

    @Benchmark
    @OperationsPerInvocation(PARTS)
    public void fileTypeUncached(Blackhole bh) {
        for (MessagePart part : parts) {
            bh.consume(uncached.detect(part.head(FileTypeDetector.HEAD_BYTES), part.filename()));
        }
    }
}
