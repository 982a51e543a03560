package io.bulwark.scan.pipeline;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Java Flight Recorder events for where a message's scan spends its wall time: one per scan and one
 * per check run, with the check's name and outcome. {@code bench/latency.sh} sums them per message
 * into the DATA→250 breakdown (docs/benchmarks.md). With no recording running,
 * {@link Event#shouldCommit()} is one volatile read, so the hooks cost nothing measurable.
 */
final class ScanFlightEvents {
    private ScanFlightEvents() {
    }

    /** The whole scan of one message (all selected checks, waited for). */
    @Name("io.bulwark.Scan")
    @Label("Scan")
    @Category("Bulwark")
    @Description("One message's scan by the check pipeline, from selection to the last result")
    @StackTrace(false)
    static final class Scan extends Event {
        @Label("Checks")
        int checks;
    }

    /** One check's run on one message, from starting on its thread to its result. */
    @Name("io.bulwark.CheckRun")
    @Label("Check run")
    @Category("Bulwark")
    @Description("One check's run on one message, on its own thread, until its result")
    @StackTrace(false)
    static final class Check extends Event {
        @Label("Check")
        String check;
        @Label("Module")
        String module;
        @Label("Outcome")
        String outcome;
    }
}
