package io.bulwark.events.scan;

/**
 * The closed set of outcomes of one check on one message (STYLE.md 12, ARCHITECTURE.md "Scan
 * pipeline"). Every check run ends in exactly one of these; nothing else reaches the decision.
 */
public enum CheckOutcomeKind {
    /** The check reported at least one symbol. */
    FOUND,
    /** The check looked and found nothing. */
    CLEAN,
    /** The check did not look (a limit, a missing prerequisite, not applicable); the reason says why. */
    SKIPPED,
    /** The check overran its time limit and was stopped. */
    TIMED_OUT,
    /** The check broke (an exception, a wrong result): a bug or damaged input, not a verdict. */
    FAILED,
    /**
     * A temporary failure outside the message (DNS timeout, clamd busy): trying again later may
     * succeed. Per rule it leads to a 451 reply or to pass-through, never to a permanent rejection.
     */
    TEMPORARY_FAILURE;

    /** Whether the check produced a result the decision can rely on (found or clean). */
    public boolean conclusive() {
        return this == FOUND || this == CLEAN;
    }
}
