package io.bulwark.events.queue;

/** Messages per queue and node; answered with a list of {@link QueueCountsView}, one per node. */
public record FindQueueCountsQuery() {
}
