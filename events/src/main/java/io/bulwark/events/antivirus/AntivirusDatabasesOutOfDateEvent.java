package io.bulwark.events.antivirus;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/**
 * A gateway node scans with databases older than its maximum age
 * ({@code bulwark.antivirus.update.max-age}; CEF class {@code ..._BASES_OUT_OF_DATE}, {@code cn1}
 * the days). Recorded at most once a day per node while it lasts.
 *
 * @param nodeId      the node
 * @param databases   the databases in use
 * @param records     signatures in use
 * @param publishedAt publishing time of the newest container in use (normally the daily database)
 * @param days        whole days since then
 * @param maxAgeDays  the configured maximum age, in days (rounded up)
 * @param at          when the node noticed
 */
@EventRevision("1")
public record AntivirusDatabasesOutOfDateEvent(String nodeId, List<AntivirusDatabase> databases, long records,
        Instant publishedAt, long days, long maxAgeDays, Instant at) {
    public AntivirusDatabasesOutOfDateEvent {
        databases = List.copyOf(databases);
    }
}
