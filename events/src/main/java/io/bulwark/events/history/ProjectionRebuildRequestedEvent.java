package io.bulwark.events.history;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * An administrator had a read model rebuilt from zero (the audit record; the rebuild itself resets
 * the processor's token on the node that accepted the request).
 *
 * @param requestId       identifies the request
 * @param processingGroup the read model
 * @param actor           the administrator
 * @param at              when the request was accepted
 */
@EventRevision("1")
public record ProjectionRebuildRequestedEvent(String requestId, String processingGroup, String actor, Instant at) {
}
