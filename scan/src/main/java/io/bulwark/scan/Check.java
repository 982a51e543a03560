package io.bulwark.scan;

import io.bulwark.events.scan.ProtectionModule;
import java.util.List;
import java.util.Set;

/**
 * One check of a protection module (SPF, DKIM, DMARC, a virus engine, GTUBE, a DNSBL, ...): a
 * small unit that reads the message and its envelope through a {@link CheckContext} and reports
 * what it found as {@link Symbol}s, never a decision (STYLE.md 10-13). The module's status follows
 * from the symbols and the rule's thresholds ({@link io.bulwark.scan.pipeline.ModuleJudge}); the
 * action follows from the rule.
 *
 * <p>A check declares the checks whose results it needs ({@link #dependsOn()}; DMARC after SPF and
 * DKIM), every symbol it may report ({@link #symbols()}; reporting another is a failure of the
 * check), and its limits. The pipeline runs it after its dependencies, in parallel with checks it
 * does not depend on, and stops it at its time limit.
 *
 * <p>Implementations must be thread-safe (one instance checks many messages at once, each on its
 * own virtual thread), must not keep state between messages, should check
 * {@link Thread#isInterrupted()} in long loops, and report limits they hit as
 * {@link CheckResult#skipped(String)} and temporary trouble outside the message (DNS, an engine
 * that is busy) as {@link CheckResult#temporaryFailure(String)}. An exception becomes FAILED.
 * A check sees only this package's interfaces: no SMTP, Spring or Axon (an ArchUnit rule and the
 * scan module's POM keep it so).
 */
public interface Check {

    /** Unique name, lower case ("eicar", "gtube", "spf"); used in dependencies, events and logs. */
    String name();

    /** The module whose verdict this check contributes to. */
    ProtectionModule module();

    /** Names of the checks whose results this one reads; they run first. */
    default Set<String> dependsOn() {
        return Set.of();
    }

    /**
     * The part of {@link #dependsOn()} that may be missing from a node (a check shipped later or
     * left out, such as ARC for DMARC): when installed it runs first as any dependency; when not,
     * the pipeline starts anyway and {@link CheckContext#result(String)} answers
     * {@link CheckResult#skipped(String)} with "not installed". Every other dependency must be
     * installed, or the pipeline refuses to start.
     */
    default Set<String> optionalDependencies() {
        return Set.of();
    }

    /** Every symbol this check may report, with its default weight and the status it implies. */
    List<SymbolDefinition> symbols();

    /**
     * A symbol that configuration adds, changes or removes while the node runs (the custom DNS
     * lists an administrator edits in the console), asked by the {@link SymbolRegistry} for a name
     * that no check declares in {@link #symbols()}. Its weight is the definition's: such symbols
     * carry their weight with their configuration, not in {@code bulwark.scan.symbols.*}. Thread-safe;
     * the default has none.
     */
    default java.util.Optional<SymbolDefinition> liveSymbol(String name) {
        return java.util.Optional.empty();
    }

    /** The check's own limits; the module's time limit applies when the check sets none. */
    default CheckLimits limits() {
        return CheckLimits.NONE;
    }

    /**
     * Starts, without waiting for them, the slow questions (DNS) {@link #run(CheckContext)} is
     * going to ask about this message, so that they overlap with the content still arriving and
     * with each other ({@link Prefetch}). Called up to three times per message: with the envelope
     * only, with the header block while the body arrives, then with the parsed message. Must return at once and must not change what {@code run} decides;
     * the default starts nothing.
     */
    default void prefetch(Prefetch prefetch) {
    }

    /** Checks one message. */
    CheckResult run(CheckContext context) throws Exception;
}
