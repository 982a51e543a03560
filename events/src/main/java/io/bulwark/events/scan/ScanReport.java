package io.bulwark.events.scan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scan pipeline's result for one message: one verdict per module that ran.
 *
 * @param verdicts       at most one per module; a module that did not run has no verdict
 * @param durationMillis wall time each module took (a timed-out module shows its limit)
 * @param totalMillis    wall time of the whole pipeline
 * @param checks         every check that ran, in the order they were run, with its outcome and
 *                       symbols (empty in events of revision 1)
 */
public record ScanReport(List<ModuleVerdict> verdicts, Map<ProtectionModule, Long> durationMillis,
        long totalMillis, List<CheckOutcome> checks) {

    /** A report without check outcomes (revision 1 shape). */
    public ScanReport(List<ModuleVerdict> verdicts, Map<ProtectionModule, Long> durationMillis, long totalMillis) {
        this(verdicts, durationMillis, totalMillis, List.of());
    }

    public ScanReport {
        checks = checks == null ? List.of() : List.copyOf(checks);
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        durationMillis = durationMillis == null ? Map.of() : Map.copyOf(durationMillis);
        if (verdicts.stream().map(ModuleVerdict::module).distinct().count() != verdicts.size()) {
            throw new IllegalArgumentException("more than one verdict for a module: " + verdicts);
        }
    }

    /** A report of the given verdicts, without timings (for tests and replays). */
    public static ScanReport of(ModuleVerdict... verdicts) {
        return new ScanReport(List.of(verdicts), Map.of(), 0);
    }

    /** The same report with other verdicts (the pipeline's checks judged under another rule). */
    public ScanReport withVerdicts(List<ModuleVerdict> other) {
        return new ScanReport(other, durationMillis, totalMillis, checks);
    }

    /** The verdict of the given module, if it ran. */
    public Optional<ModuleVerdict> verdict(ProtectionModule module) {
        return verdicts.stream().filter(v -> v.module() == module).findFirst();
    }
}
