package io.bulwark.events.node;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A node is shutting down in an orderly way (recorded as its application context closes; a node
 * that is killed records nothing, and the next {@link NodeStartedEvent} without a stop before it
 * shows that). For the event log.
 *
 * @param nodeId the node ({@code bulwark.node-id})
 * @param at     when
 */
@EventRevision("1")
public record NodeStoppedEvent(String nodeId, Instant at) {
}
