package io.bulwark.events.quarantine;

/** What a re-check of a held message led to. */
public enum RecheckOutcome {
    /**
     * Re-judged: the message left the quarantine and each recipient group got what its rule says
     * for the new verdict (delivered, tagged, or deleted; a Reject becomes a deletion, since the
     * sending server was answered long ago and a bounce to a probably forged sender is backscatter).
     */
    RELEASED,
    /** The re-check could not be completed (a temporary failure); the message stays held. */
    RETRY
}
