package io.bulwark.events.antivirus;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/**
 * A gateway node asked its source and had the newest databases already (CEF class
 * {@code ..._BASES_UP_TO_DATE}; fields as in {@link AntivirusDatabasesUpdatedEvent}).
 */
@EventRevision("1")
public record AntivirusDatabasesUpToDateEvent(String nodeId, String source, List<AntivirusDatabase> databases,
        long records, Instant publishedAt, Instant indexPublishedAt, String requestId, Instant at) {
    public AntivirusDatabasesUpToDateEvent {
        databases = List.copyOf(databases);
    }
}
