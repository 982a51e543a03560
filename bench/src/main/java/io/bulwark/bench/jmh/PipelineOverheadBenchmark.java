package io.bulwark.bench.jmh;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.pipeline.CheckPipeline;
import io.bulwark.scan.pipeline.ScanResults;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@link CheckPipeline}'s own cost per message, without the work of any engine (issue 9:
 * under 20 µs with no checks), one message per operation, every module requested as for a rule
 * with everything switched on:
 *
 * <ul>
 *   <li>{@code noChecks}: a pipeline with no checks installed;</li>
 *   <li>{@code oneTrivialCheck}: one check that answers CLEAN at once, so the operation is the
 *       pipeline's per-check machinery: selection, a future, a virtual thread, the watchdog's
 *       deadline scheduled and cancelled, the result collected.</li>
 * </ul>
 *
 * <p>The message is parsed once in the set-up; parsing is {@code ScanBenchmark.parse}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PipelineOverheadBenchmark {


    private CheckPipeline empty;
    private CheckPipeline oneCheck;
    private MessageView message;
    /** Looks at nothing and finds nothing. */
    static final class CleanCheck implements Check {
        @Override
        public String name() {
            return "clean";
        }

        @Override
        public ProtectionModule module() {
            return ProtectionModule.ANTI_SPAM;
        }

        @Override
        public List<SymbolDefinition> symbols() {
            return List.of();
        }

        @Override
        public CheckResult run(CheckContext context) {
            return CheckResult.clean();
        }
    }

    @Setup
    public void setUp() {
        message = new MessageViewParser().parse(("From: a@bench.example\r\nTo: b@example.com\r\n"
                + "Subject: overhead\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII));
        empty = new CheckPipeline(List.of(), SymbolRegistry.of(List.of(), Map.of()), Map.of(), ScanServices.none());
        List<Check> checks = List.of(new CleanCheck());
        oneCheck = new CheckPipeline(checks, SymbolRegistry.of(checks, Map.of()), Map.of(), ScanServices.none());
    }

    @TearDown
    public void tearDown() {
        empty.close();
        oneCheck.close();
    }

    @Benchmark
    public ScanResults noChecks() {
        return empty.scan(message, ScanBenchmark.ENVELOPE, ScanBenchmark.ALL_MODULES);
    }

    @Benchmark
    public ScanResults oneTrivialCheck() {
        return oneCheck.scan(message, ScanBenchmark.ENVELOPE, ScanBenchmark.ALL_MODULES);
    }
}
