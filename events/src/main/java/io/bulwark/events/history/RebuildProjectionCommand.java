package io.bulwark.events.history;

/**
 * Rebuild one read model from zero by replaying the whole history into it, while everything else
 * (mail flow included) keeps running.
 *
 * @param processingGroup the read model's processing group (as listed by the history API)
 * @param actor           the administrator
 */
public record RebuildProjectionCommand(String processingGroup, String actor) {
}
