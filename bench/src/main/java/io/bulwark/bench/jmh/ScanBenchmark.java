package io.bulwark.bench.jmh;

import io.bulwark.bench.CorpusBuilder;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.gateway.scan.BuiltInChecks;
import io.bulwark.scan.Check;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.StreamingArchiveWalker;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.inventory.MessageInventory;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.pipeline.CheckPipeline;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The gateway's own scanning units over the generated benchmark mix (1 KB to 1 MB; 2 % carry
 * EICAR, bare or zipped), one message per operation:
 *
 * <ul>
 *   <li>{@code parse}: the read-only message view every scanner gets ({@link MessageViewParser},
 *       mime4j underneath, with the gateway's MIME limits);</li>
 *   <li>{@code antiVirus}: the built-in anti-virus check (EICAR over every part and archive member,
 *       through the archive walker with its limits) on an already parsed view, run by the check
 *       pipeline as the gateway runs it;</li>
 *   <li>{@code antiSpam}: the built-in anti-spam check (GTUBE) the same way;</li>
 *   <li>{@code parseAndInventory}: parse, then the subject and attachment descriptions (name, type,
 *       SHA-256) the scan event carries;</li>
 *   <li>{@code parseAndScan}: parse, then both modules in one pipeline run, what the DATA phase does
 *       per message.</li>
 * </ul>
 *
 * <p>The engines are the test-string checks the gateway has today; when real engines arrive their
 * benchmarks replace these operations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ScanBenchmark {

    /** How many distinct generated messages to cycle through. */
    @Param({"500"})
    public int messages;

    private byte[][] raw;
    private MessageView[] parsed;
    private int next;
    private MessageViewParser parser;
    private CheckPipeline pipeline;
    private static final Set<ProtectionModule> AV = EnumSet.of(ProtectionModule.ANTI_VIRUS);
    private static final Set<ProtectionModule> AS = EnumSet.of(ProtectionModule.ANTI_SPAM);
    private static final Set<ProtectionModule> BOTH = EnumSet.of(ProtectionModule.ANTI_VIRUS,
            ProtectionModule.ANTI_SPAM);
    /** The envelope every scan benchmark and CPU probe sends its messages with. */
    public static final Envelope ENVELOPE = new Envelope("loadgen@bench.example", List.of("rcpt1@example.com"),
            "127.0.0.1", "bench.example");

    /** Every protection module requested, as with every module on. */
    public static final Set<ProtectionModule> ALL_MODULES = EnumSet.allOf(ProtectionModule.class);

    @Setup
    public void setUp() {
        parser = new MessageViewParser();
        raw = CorpusBuilder.generatedMix(messages).toArray(byte[][]::new);
        parsed = parsed(parser, raw);
        pipeline = pipeline(BuiltInChecks.all());
    }

    /** Each message parsed into its view. */
    public static MessageView[] parsed(MessageViewParser parser, byte[][] raw) {
        MessageView[] views = new MessageView[raw.length];
        for (int i = 0; i < raw.length; i++) {
            views[i] = parser.parse(raw[i]);
        }
        return views;
    }

    /** A pipeline of {@code checks} as the bench runs them: default time limits, the streaming archive walker. */
    public static CheckPipeline pipeline(List<Check> checks) {
        return new CheckPipeline(checks, SymbolRegistry.of(checks, Map.of()), Map.of(),
                ScanServices.builder().add(ArchiveWalker.class, new StreamingArchiveWalker()).build());
    }

    @TearDown
    public void tearDown() {
        pipeline.close();
    }

    private int step() {
        int i = next;
        next = next + 1 == raw.length ? 0 : next + 1;
        return i;
    }

    @Benchmark
    public MessageView parse() {
        return parser.parse(raw[step()]);
    }

    // each scan reads a new view (RulesBenchmark.unread): the engines keep what they derive from a
    // message in its view's memo (ADR 0040), and a message is scanned once in the mail path

    @Benchmark
    public Object antiVirus() {
        return pipeline.scan(RulesBenchmark.unread(parsed[step()]), ENVELOPE, AV);
    }

    @Benchmark
    public Object antiSpam() {
        return pipeline.scan(RulesBenchmark.unread(parsed[step()]), ENVELOPE, AS);
    }

    /**
     * Parse, then describe the subject and attachments for the scan event (issue 14): minus
     * {@code parse}, the inventory's cost per message. Parsed anew each time because each part's
     * hash is kept on the part once computed.
     */
    @Benchmark
    public MessageInventory.Contents parseAndInventory() {
        return MessageInventory.of(parser.parse(raw[step()]));
    }

    @Benchmark
    public void parseAndScan(Blackhole bh) {
        MessageView view = parser.parse(raw[step()]);
        bh.consume(pipeline.scan(view, ENVELOPE, BOTH));
    }
}
