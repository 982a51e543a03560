package io.bulwark.events.history;

/**
 * Generate a new history signing key and sign every later checkpoint with it. Earlier checkpoints
 * stay verifiable with the earlier keys, whose public halves remain in the history.
 *
 * @param actor  the administrator (or {@code system} for the key made at first start)
 * @param reason why the key changes (free text, kept in the audit record)
 */
public record RotateSealingKeyCommand(String actor, String reason) {
}
