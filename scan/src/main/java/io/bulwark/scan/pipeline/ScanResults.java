package io.bulwark.scan.pipeline;

import io.bulwark.events.scan.CheckOutcome;
import io.bulwark.events.scan.ProtectionModule;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the checks found in one message, before any rule looked at it: one run per check, in
 * the order they finished being planned (dependencies first), the modules asked for, and timings.
 * Immutable. The same results are judged once per recipient group, under each group's rule
 * ({@link ModuleJudge}).
 *
 * @param modules     the modules whose verdicts were asked for (withheld ones included)
 * @param runs        every check run (dependencies of other modules included)
 * @param totalMillis wall time of the pipeline
 * @param withheld    modules asked for whose checks were not run because something outside the
 *                    message forbids it (the licence, {@code io.bulwark.scan.licence.LicenceGate}),
 *                    each with the reasons of its NOT_SCANNED verdict
 */
public record ScanResults(Set<ProtectionModule> modules, List<CheckRun> runs, long totalMillis,
        Map<ProtectionModule, List<String>> withheld) {

    public ScanResults {
        modules = Set.copyOf(modules);
        runs = List.copyOf(runs);
        withheld = Map.copyOf(withheld);
    }

    /** Results with nothing withheld. */
    public ScanResults(Set<ProtectionModule> modules, List<CheckRun> runs, long totalMillis) {
        this(modules, runs, totalMillis, Map.of());
    }

    /** No check ran. */
    public static ScanResults none() {
        return new ScanResults(Set.of(), List.of(), 0);
    }

    /** The same results with modules withheld (asked for, not run), e.g. by the licence. */
    public ScanResults withWithheld(Map<ProtectionModule, List<String>> more) {
        if (more.isEmpty()) {
            return this;
        }
        Set<ProtectionModule> all = new java.util.HashSet<>(modules);
        all.addAll(more.keySet());
        Map<ProtectionModule, List<String>> merged = new EnumMap<>(ProtectionModule.class);
        merged.putAll(withheld);
        merged.putAll(more);
        return new ScanResults(all, runs, totalMillis, merged);
    }

    /** The runs of one module's checks. */
    public List<CheckRun> runsOf(ProtectionModule module) {
        return runs.stream().filter(r -> r.check().module() == module).toList();
    }

    /** The outcomes as the event records them. */
    public List<CheckOutcome> outcomes() {
        return runs.stream().map(CheckRun::toOutcome).toList();
    }

    /** Wall time per module: the longest of its checks. */
    public Map<ProtectionModule, Long> durations() {
        Map<ProtectionModule, Long> d = new EnumMap<>(ProtectionModule.class);
        for (CheckRun r : runs) {
            if (modules.contains(r.check().module())) {
                d.merge(r.check().module(), r.durationMillis(), Math::max);
            }
        }
        return d;
    }
}
