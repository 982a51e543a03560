package io.bulwark.events.backup;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/**
 * Warning: Backup is nearly full or the disk is running out of space (reference notes H.6, "Backup
 * almost full"). Emitted by a node when a condition appears and repeated while it lasts, at most once
 * per {@code bulwark.backup.warning-interval}.
 *
 * @param conditions     what is low (at least one)
 * @param usedBytes      storage taken by all copies
 * @param maxBytes       the size cap
 * @param freeDiskBytes  usable space on the data directory's disk, -1 if unknown
 * @param minFreeDiskBytes the free-space threshold
 * @param nodeId         the node that noticed
 * @param at             when
 */
@EventRevision("1")
public record BackupStorageLowEvent(List<BackupStorageCondition> conditions, long usedBytes, long maxBytes,
        long freeDiskBytes, long minFreeDiskBytes, String nodeId, Instant at) {

    public BackupStorageLowEvent {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
