package io.bulwark.scan;

import io.bulwark.events.scan.CheckOutcomeKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one check returns: one outcome of the closed set, its symbols (FOUND only), its header
 * contributions, and a check-specific detail for the checks that depend on it (DMARC reads the
 * SPF result's domain and verdict from SPF's detail).
 *
 * <p>TIMED_OUT is set by the pipeline only; a check never returns it.
 *
 * @param outcome what happened
 * @param reason  why it was skipped or failed (and optional extra information otherwise)
 * @param symbols what was found; not empty exactly when the outcome is FOUND
 * @param headers header fields to stamp on delivered mail
 * @param detail  an immutable value for dependants, or null
 */
public record CheckResult(CheckOutcomeKind outcome, String reason, List<Symbol> symbols,
        List<HeaderContribution> headers, Object detail) {

    public CheckResult {
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
        headers = headers == null ? List.of() : List.copyOf(headers);
        if ((outcome == CheckOutcomeKind.FOUND) == symbols.isEmpty()) {
            throw new IllegalArgumentException(outcome == CheckOutcomeKind.FOUND
                    ? "FOUND needs at least one symbol" : outcome + " cannot carry symbols");
        }
    }

    /** Found the given symbols. */
    public static CheckResult found(List<Symbol> symbols) {
        return new CheckResult(CheckOutcomeKind.FOUND, "", symbols, List.of(), null);
    }

    /** Found the given symbols. */
    public static CheckResult found(Symbol... symbols) {
        return found(List.of(symbols));
    }

    /** Looked and found nothing. */
    public static CheckResult clean() {
        return new CheckResult(CheckOutcomeKind.CLEAN, "", List.of(), List.of(), null);
    }

    /** Looked and found nothing, with a remark for the administrator (e.g. a test pattern ignored). */
    public static CheckResult clean(String remark) {
        return new CheckResult(CheckOutcomeKind.CLEAN, remark, List.of(), List.of(), null);
    }

    /** Found nothing when {@code symbols} is empty, else found them. */
    public static CheckResult of(List<Symbol> symbols) {
        return symbols.isEmpty() ? clean() : found(symbols);
    }

    /** Did not look; the reason says why (a limit, a missing prerequisite). */
    public static CheckResult skipped(String reason) {
        return new CheckResult(CheckOutcomeKind.SKIPPED, reason, List.of(), List.of(), null);
    }

    /** Temporary trouble outside the message (DNS timeout, engine busy): trying later may work. */
    public static CheckResult temporaryFailure(String reason) {
        return new CheckResult(CheckOutcomeKind.TEMPORARY_FAILURE, reason, List.of(), List.of(), null);
    }

    /** The check could not do its work for a reason that retrying will not change. */
    public static CheckResult failed(String reason) {
        return new CheckResult(CheckOutcomeKind.FAILED, reason, List.of(), List.of(), null);
    }

    /** The same result with header contributions. */
    public CheckResult withHeaders(HeaderContribution... contributions) {
        return new CheckResult(outcome, reason, symbols, List.of(contributions), detail);
    }

    /** The same result with a detail for dependants. */
    public CheckResult withDetail(Object value) {
        return new CheckResult(outcome, reason, symbols, headers, value);
    }

    /** The detail, if it is of the given type. */
    public <T> Optional<T> detail(Class<T> type) {
        return type.isInstance(detail) ? Optional.of(type.cast(detail)) : Optional.empty();
    }
}
