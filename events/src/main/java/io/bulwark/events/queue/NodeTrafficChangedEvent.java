package io.bulwark.events.queue;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A gateway node applied a receiving or sending switch.
 *
 * @param nodeId    the node
 * @param direction receiving or sending
 * @param enabled   the new state
 * @param requestId the request applied
 * @param actor     the administrator who asked
 * @param at        when the node applied it
 */
@EventRevision("1")
public record NodeTrafficChangedEvent(String nodeId, TrafficDirection direction, boolean enabled, String requestId,
        String actor, Instant at) {
}
