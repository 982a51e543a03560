package io.bulwark.events.backup;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * An account deleted a Backup copy. The last event of the copy's aggregate: later commands for it are
 * refused. The bytes are removed from the store right after this event is stored.
 *
 * @param backupId the copy
 * @param actor    the account
 * @param at       when
 */
@EventRevision("1")
public record BackupCopyDeletedEvent(String backupId, String actor, Instant at) {
}
