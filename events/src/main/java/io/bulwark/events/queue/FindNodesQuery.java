package io.bulwark.events.queue;

/** The gateway nodes and their switches; answered with a list of {@link NodeStatusView}, by node id. */
public record FindNodesQuery() {
}
