package io.bulwark.events.backup;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The store discarded a Backup copy to respect the size cap or the age limit. A plain event (not
 * part of the copy's aggregate stream: the store does not take part in the aggregate's sequence);
 * its identifier is {@link BackupCopyIds#evictedEventId}. Emitted by the node whose delete removed
 * the copy, once.
 *
 * @param backupId        the copy
 * @param reason          size cap or age limit
 * @param compressedBytes the storage it freed
 * @param storedAt        when the copy had been stored
 * @param at              when it was discarded
 */
@EventRevision("1")
public record BackupCopyEvictedEvent(String backupId, BackupEvictionReason reason, long compressedBytes,
        Instant storedAt, Instant at) {
}
