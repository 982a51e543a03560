package io.bulwark.events.antivirus;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/**
 * A gateway node installed new signature databases and scans with them now (CEF class
 * {@code ..._BASES_UPDATED}).
 *
 * @param nodeId            the node
 * @param source            where they came from: the mirror's URL, or the database directory
 *                          when an outside tool changed it
 * @param databases         every database in use after the update
 * @param updated           the names of the databases this update replaced or added
 * @param records           signatures in use, in all (CEF {@code cnt})
 * @param publishedAt       publishing time of the newest container in use (normally the daily database) (CEF
 *                          {@code deviceCustomDate1}), or null when none has one
 * @param indexPublishedAt  the newest publishing time the source offered (CEF
 *                          {@code deviceCustomDate2}), or null
 * @param requestId         the administrator's request this answers, or null for a scheduled run
 * @param at                when the node finished
 */
@EventRevision("1")
public record AntivirusDatabasesUpdatedEvent(String nodeId, String source, List<AntivirusDatabase> databases,
        List<String> updated, long records, Instant publishedAt, Instant indexPublishedAt, String requestId,
        Instant at) {
    public AntivirusDatabasesUpdatedEvent {
        databases = List.copyOf(databases);
        updated = List.copyOf(updated);
    }
}
