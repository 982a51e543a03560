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
 */
public record Verification(boolean intact, long from, long to, long sealedUpTo, long events, long gaps,
        long checkpoints, BrokenLink brokenLink, Checkpoint latestCheckpoint) {

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
