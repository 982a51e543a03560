package io.bulwark.scan.testing;

import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.pipeline.CheckPipeline;
import io.bulwark.scan.pipeline.CheckRun;
import io.bulwark.scan.pipeline.ModuleJudge;
import io.bulwark.scan.pipeline.ScanResults;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one check the way the gateway does (through a {@link CheckPipeline}, judged by
 * {@link ModuleJudge} under a module's factory settings), for the checks' own test tables. A check
 * that reads other checks' results gets them from real checks or from stand-ins that hand a fixed
 * result ({@link #given(String, ProtectionModule, CheckResult)}).
 */
public final class CheckHarness implements AutoCloseable {
    public static final Envelope ENVELOPE = new Envelope("a@example.net", List.of("b@corp.example"), "192.0.2.1",
            "mx.example.net");

    private final Check check;
    private final CheckPipeline pipeline;

    public CheckHarness(Check check, ScanServices services) {
        this(check, services, List.of());
    }

    /**
     * @param dependencies the checks {@code check} depends on (real ones, or {@link #given} stand-ins)
     */
    public CheckHarness(Check check, ScanServices services, List<Check> dependencies) {
        this.check = check;
        List<Check> all = new java.util.ArrayList<>(dependencies);
        all.add(check);
        this.pipeline = new CheckPipeline(all, SymbolRegistry.of(all, Map.of()), Map.of(), services);
    }

    /**
     * A stand-in for a dependency: a check named {@code name} that returns {@code result} for
     * every message (its symbols declared with weight 0 and no status).
     */
    public static Check given(String name, ProtectionModule module, CheckResult result) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ProtectionModule module() {
                return module;
            }

            @Override
            public List<SymbolDefinition> symbols() {
                return result.symbols().stream().map(s -> new SymbolDefinition(s.name(), module, 0, null, "given"))
                        .distinct().toList();
            }

            @Override
            public CheckResult run(CheckContext context) {
                return result;
            }
        };
    }

    /** The check's run on a raw message. */
    public CheckRun run(byte[] raw) {
        return run(new MessageViewParser().parse(raw));
    }

    /** The check's run on a parsed message. */
    public CheckRun run(MessageView view) {
        return run(view, ENVELOPE);
    }

    /** The check's run on a raw message with its own envelope (trusted, authenticated, ...). */
    public CheckRun run(byte[] raw, Envelope envelope) {
        return run(new MessageViewParser().parse(raw), envelope);
    }

    /** The check's run on a parsed message with its own envelope. */
    public CheckRun run(MessageView view, Envelope envelope) {
        ScanResults results = pipeline.scan(view, envelope, Set.of(check.module()));
        return results.runs().stream().filter(r -> r.check() == check).findFirst().orElseThrow();
    }

    /** The module verdict of one message under the module's factory settings. */
    public ModuleVerdict verdict(byte[] raw) {
        return verdict(new MessageViewParser().parse(raw));
    }

    /** The module verdict of one parsed message under the module's factory settings. */
    public ModuleVerdict verdict(MessageView view) {
        ProtectionModule module = check.module();
        return ModuleJudge.judge(module, List.of(run(view)), ModuleSettings.defaults(module), pipeline.symbols());
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
