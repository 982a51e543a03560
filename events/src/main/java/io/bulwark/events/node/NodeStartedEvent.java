package io.bulwark.events.node;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A node finished starting (its console, API and, on gateway nodes, SMTP are up). For the event log.
 *
 * @param nodeId  the node ({@code bulwark.node-id})
 * @param version the software version running on it
 * @param at      when
 */
@EventRevision("1")
public record NodeStartedEvent(String nodeId, String version, Instant at) {
}
