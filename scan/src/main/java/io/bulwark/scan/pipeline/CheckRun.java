package io.bulwark.scan.pipeline;

import io.bulwark.events.scan.CheckOutcome;
import io.bulwark.events.scan.ScanSymbol;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckResult;
import java.util.List;

/**
 * One check's run on one message: the check, its result and the scored symbols.
 *
 * @param check          the check
 * @param result         what it returned (or the pipeline's TIMED_OUT / FAILED)
 * @param symbols        its symbols with the weights in force
 * @param durationMillis wall time
 */
public record CheckRun(Check check, CheckResult result, List<ScanSymbol> symbols, long durationMillis) {

    public CheckRun {
        symbols = List.copyOf(symbols);
    }

    /** The run as the event records it. */
    public CheckOutcome toOutcome() {
        return new CheckOutcome(check.name(), check.module(), result.outcome(), result.reason(), durationMillis,
                symbols);
    }
}
