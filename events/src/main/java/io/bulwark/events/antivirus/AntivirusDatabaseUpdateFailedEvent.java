package io.bulwark.events.antivirus;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/**
 * A gateway node's update failed (CEF class {@code ..._BASES_ERROR}, {@code reason}); it keeps
 * scanning with the databases it had, listed here.
 *
 * @param nodeId      the node
 * @param source      the mirror's URL or the directory
 * @param reason      what went wrong, per database ("daily.cvd: the digital signature does not
 *                    verify", "mirror unreachable: ...", "updates not permitted: ...")
 * @param databases   the databases still in use
 * @param records     signatures still in use
 * @param publishedAt publishing time of the newest container still in use, or null
 * @param requestId   the administrator's request this answers, or null
 * @param at          when the node gave up
 */
@EventRevision("1")
public record AntivirusDatabaseUpdateFailedEvent(String nodeId, String source, String reason,
        List<AntivirusDatabase> databases, long records, Instant publishedAt, String requestId, Instant at) {
    public AntivirusDatabaseUpdateFailedEvent {
        databases = List.copyOf(databases);
    }
}
