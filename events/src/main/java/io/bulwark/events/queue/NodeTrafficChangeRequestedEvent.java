package io.bulwark.events.queue;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * An administrator asked to stop or start receiving or sending (the audit record of the request;
 * each node that applies it records {@link NodeTrafficChangedEvent}).
 *
 * @param requestId identifies the request in the nodes' result events
 * @param nodeId    the targeted node, or {@code null} for every node
 * @param direction receiving or sending
 * @param enabled   true: start; false: stop
 * @param actor     the administrator
 * @param at        when the request was accepted
 */
@EventRevision("1")
public record NodeTrafficChangeRequestedEvent(String requestId, String nodeId, TrafficDirection direction,
        boolean enabled, String actor, Instant at) {
}
