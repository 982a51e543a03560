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
 * @param modules     the modules whose verdicts were asked for
 * @param runs        every check run (dependencies of other modules included)
 * @param totalMillis wall time of the pipeline
 */
public record ScanResults(Set<ProtectionModule> modules, List<CheckRun> runs, long totalMillis) {

    public ScanResults {
        modules = Set.copyOf(modules);
        runs = List.copyOf(runs);
    }

    /** No check ran. */
    public static ScanResults none() {
        return new ScanResults(Set.of(), List.of(), 0);
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
