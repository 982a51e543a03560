package io.bulwark.events.queue;

/**
 * Stop or start receiving or sending on one node or on all of them.
 *
 * @param nodeId    the node, or {@code null} for every node
 * @param direction receiving (SMTP listener) or sending (delivery)
 * @param enabled   true to start, false to stop
 * @param actor     the administrator
 */
public record ChangeNodeTrafficCommand(String nodeId, TrafficDirection direction, boolean enabled, String actor) {
}
