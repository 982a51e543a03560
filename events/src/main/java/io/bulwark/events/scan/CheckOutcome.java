package io.bulwark.events.scan;

import java.util.List;
import java.util.Objects;

/**
 * What one check did with one message: its outcome, why, how long it took and the symbols it
 * reported. Recorded for every check that ran, so an auditor sees "SPF fail and DKIM fail" as two
 * facts, and a temporary DNS failure as what it was.
 *
 * @param check          the check's name ("eicar", "gtube", "spf", ...)
 * @param module         the protection module it belongs to
 * @param outcome        found, clean, skipped, timed out, failed or temporary failure
 * @param reason         why it was skipped or failed, empty otherwise
 * @param durationMillis wall time of the check
 * @param symbols        what it found (empty unless FOUND)
 */
public record CheckOutcome(String check, ProtectionModule module, CheckOutcomeKind outcome, String reason,
        long durationMillis, List<ScanSymbol> symbols) {

    public CheckOutcome {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
    }
}
