package io.bulwark.bench.jmh;

import io.bulwark.bench.CorpusBuilder;
import io.bulwark.gateway.scan.EicarAntiVirus;
import io.bulwark.scan.message.Envelope;
import io.bulwark.gateway.scan.GtubeAntiSpam;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The gateway's own scanning units over the generated benchmark mix (1 KB to 1 MB; 2 % carry
 * EICAR, bare or zipped), one message per operation:
 *
 * <ul>
 *   <li>{@code parse}: the read-only message view every scanner gets ({@link MessageViewParser},
 *       mime4j underneath, with the gateway's MIME limits);</li>
 *   <li>{@code antiVirus}: {@link EicarAntiVirus} on an already parsed view (decoded parts and
 *       zip members, with the archive limits);</li>
 *   <li>{@code antiSpam}: {@link GtubeAntiSpam} on an already parsed view;</li>
 *   <li>{@code parseAndScan}: all three, what the DATA phase does per message.</li>
 * </ul>
 *
 * <p>The anti-virus and anti-spam engines are the test-string engines the gateway has today;
 * when real engines arrive their benchmarks replace these operations.
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
    private EicarAntiVirus antiVirus;
    private GtubeAntiSpam antiSpam;
    private final Envelope envelope = new Envelope("loadgen@bench.example", List.of("rcpt1@example.com"),
            "127.0.0.1", "bench.example");

    @Setup
    public void setUp() {
        CorpusBuilder.SizeMix mix = new CorpusBuilder.SizeMix(1024, 1024 * 1024, 2.5, 0);
        parser = new MessageViewParser();
        raw = new byte[messages][];
        parsed = new MessageView[messages];
        for (int i = 0; i < messages; i++) {
            raw[i] = CorpusBuilder.mixed(1, i, 2.0, mix);
            parsed[i] = parser.parse(raw[i]);
        }
        antiVirus = new EicarAntiVirus(EicarAntiVirus.Limits.defaults());
        antiSpam = new GtubeAntiSpam(true);
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

    @Benchmark
    public Object antiVirus() throws Exception {
        return antiVirus.scan(parsed[step()], envelope);
    }

    @Benchmark
    public Object antiSpam() throws Exception {
        return antiSpam.scan(parsed[step()], envelope);
    }

    @Benchmark
    public void parseAndScan(Blackhole bh) throws Exception {
        MessageView view = parser.parse(raw[step()]);
        bh.consume(antiVirus.scan(view, envelope));
        bh.consume(antiSpam.scan(view, envelope));
    }
}
