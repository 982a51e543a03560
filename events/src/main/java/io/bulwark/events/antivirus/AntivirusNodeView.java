package io.bulwark.events.antivirus;

import java.time.Instant;
import java.util.List;

/**
 * A gateway node's signature databases as its events describe them.
 *
 * @param nodeId        the node
 * @param databases     the databases in use, as last reported
 * @param records       signatures in use
 * @param publishedAt   publishing time of the newest container in use (normally the daily database), or null
 * @param lastResult    how the last update attempt ended, or null if none was reported
 * @param lastReason    why the last attempt failed, or null
 * @param lastCheckedAt when the last attempt ended, or null
 * @param lastUpdatedAt when databases last changed, or null
 * @param outOfDate     whether the node last said its databases are too old (cleared by an update)
 * @param requestedAt   when an administrator last asked this node (or all) for an update, or null
 * @param requestedBy   who asked, or null
 */
public record AntivirusNodeView(String nodeId, List<AntivirusDatabase> databases, long records,
        Instant publishedAt, AntivirusUpdateResult lastResult, String lastReason, Instant lastCheckedAt,
        Instant lastUpdatedAt, boolean outOfDate, Instant requestedAt, String requestedBy) {
    public AntivirusNodeView {
        databases = databases == null ? List.of() : List.copyOf(databases);
    }
}
