package io.bulwark.bench.jmh;

import io.bulwark.bench.CorpusBuilder;
import io.bulwark.gateway.scan.BuiltInChecks;
import io.bulwark.scan.Check;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.pipeline.CheckPipeline;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The scan pipeline's cost per message broken down by check (issue 19, sixth session): every
 * built-in check of the gateway ({@link BuiltInChecks#all()}, every module requested), one pipeline
 * per {@code check} holding that check and what it depends on, over the bench's generated mix
 * (the messages the load generator sends). One invocation runs over the whole sample of
 * {@value #MESSAGES} messages and is scored per message, each on a new view of an already parsed
 * message ({@link RulesBenchmark#unread}), so a check pays for what it is the first to derive from
 * the message (the anti-spam text, the links, a part's type) as the first asker does in the mail
 * path.
 *
 * <ul>
 *   <li>{@code check}: one check by name ({@code rules}, {@code heuristics}, ...), or {@code all}
 *       (every check in one pipeline, what the DATA phase runs), or {@code none} (an empty pipeline:
 *       the new view and the pipeline's own cost, to subtract);</li>
 * </ul>
 *
 * <p>The parse every check reads is {@code ScanBenchmark.parse}. No DNS service is installed: the
 * sender-authentication and block-list checks answer from what they get without it (their DNS
 * work is measured by {@code SenderAuthenticationBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ScanCpuBenchmark {

    static final int MESSAGES = 500;

    @Param({"all", "none", "eicar", "heuristics", "gtube", "spf", "dkim", "arc", "dmarc", "content-filter",
            "av-attachments", "rules", "bayes", "dnsbl", "uribl", "massmail", "phishing-links", "impersonation"})
    public String check;

    private MessageView[] parsed;
    private CheckPipeline pipeline;
    @Setup
    public void setUp() {
        parsed = ScanBenchmark.parsed(new MessageViewParser(), CorpusBuilder.generatedMix(MESSAGES).toArray(byte[][]::new));
        pipeline = ScanBenchmark.pipeline(selected(BuiltInChecks.all(), check));
    }

    /** {@code name} and what it depends on, {@code all}, or none for {@code none}. */
    public static List<Check> selected(List<Check> all, String name) {
        if ("all".equals(name)) {
            return all;
        }
        if ("none".equals(name)) {
            return List.of();
        }
        Map<String, Check> byName = all.stream().collect(Collectors.toMap(Check::name, c -> c, (a, b) -> a,
                LinkedHashMap::new));
        if (!byName.containsKey(name)) {
            throw new IllegalArgumentException("no built-in check " + name + "; there are " + byName.keySet());
        }
        Map<String, Check> chosen = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            Check c = byName.get(todo.pop());
            if (c != null && chosen.putIfAbsent(c.name(), c) == null) {
                todo.addAll(c.dependsOn());
            }
        }
        return List.copyOf(chosen.values());
    }

    @TearDown
    public void tearDown() {
        pipeline.close();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void scan(Blackhole bh) {
        for (MessageView view : parsed) {
            bh.consume(pipeline.scan(RulesBenchmark.unread(view), ScanBenchmark.ENVELOPE, ScanBenchmark.ALL_MODULES));
        }
    }
}
