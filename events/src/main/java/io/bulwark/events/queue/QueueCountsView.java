package io.bulwark.events.queue;

/**
 * How many messages one node holds in each queue.
 *
 * @param nodeId   the node ({@code null} in a total over all nodes)
 * @param incoming received, not yet attempted
 * @param active   an attempt is under way
 * @param deferred waiting for a retry
 * @param hold     held by an administrator
 * @param total    all of them
 * @param spamQuarantine held by the Anti-Spam Quarantine (counted in {@code total})
 */
public record QueueCountsView(String nodeId, long incoming, long active, long deferred, long hold, long total,
        long spamQuarantine) {

    /** Counts with their total, nothing in the Anti-Spam Quarantine. */
    public static QueueCountsView of(String nodeId, long incoming, long active, long deferred, long hold) {
        return of(nodeId, incoming, active, deferred, hold, 0);
    }

    /** Counts with their total. */
    public static QueueCountsView of(String nodeId, long incoming, long active, long deferred, long hold,
            long spamQuarantine) {
        return new QueueCountsView(nodeId, incoming, active, deferred, hold,
                incoming + active + deferred + hold + spamQuarantine, spamQuarantine);
    }

    /** The sum of two counts, under {@code nodeId}. */
    public QueueCountsView plus(QueueCountsView other, String nodeId) {
        return of(nodeId, incoming + other.incoming, active + other.active, deferred + other.deferred,
                hold + other.hold, spamQuarantine + other.spamQuarantine);
    }
}
