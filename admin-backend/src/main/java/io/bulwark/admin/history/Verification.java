package io.bulwark.admin.history;

/**
 * The answer of {@code GET /api/v1/history/verify}: either intact, or the first broken link.
 *
 * @param intact              every index of {@code from..to} matches its sealed link and every
 *                            checkpoint in the range matches and is validly signed
 * @param from                first index checked
 * @param to                  last index checked (at most {@code sealedUpTo})
 * @param sealedUpTo          the chain's head: indexes above it are not sealed yet
 * @param events              events checked
 * @param gaps                sealed gaps checked
 * @param checkpoints         signed checkpoints checked
 * @param brokenLink          the first broken link, or {@code null} when intact
 * @param latestCheckpoint    the latest signed checkpoint, or {@code null} before the first
 * @param archivedUpTo        the last index of the archived part (0 when nothing was archived): the
 *                            chain of the hot part starts from the sealed link at this index, which a
 *                            signed checkpoint covers; the archived events are verified offline from
 *                            their archive files (ADR 0029). Events of kept classes that stayed in
 *                            the hot store inside the archived part are checked one by one against
 *                            their sealed links and counted in {@code events}.
 */
public record Verification(boolean intact, long from, long to, long sealedUpTo, long events, long gaps,
        long checkpoints, BrokenLink brokenLink, Checkpoint latestCheckpoint, long archivedUpTo) {

    /** A verification of a history of which nothing is archived. */
    public Verification(boolean intact, long from, long to, long sealedUpTo, long events, long gaps,
            long checkpoints, BrokenLink brokenLink, Checkpoint latestCheckpoint) {
        this(intact, from, to, sealedUpTo, events, gaps, checkpoints, brokenLink, latestCheckpoint, 0);
    }

    /**
     * Where verification failed.
     *
     * @param globalIndex the index
     * @param expected    the sealed hash (the chain link, or the signed checkpoint's hash)
     * @param found       the hash recomputed from what is stored now
     * @param reason      {@code event-altered}, {@code event-missing}, {@code event-in-gap},
     *                    {@code link-missing}, {@code checkpoint-mismatch},
     *                    {@code checkpoint-signature-invalid}, {@code checkpoint-key-unknown}
     */
    public record BrokenLink(long globalIndex, String expected, String found, String reason) {
    }
}
