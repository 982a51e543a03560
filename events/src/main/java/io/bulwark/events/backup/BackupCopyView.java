package io.bulwark.events.backup;

import io.bulwark.events.message.MessageRef;
import java.time.Instant;
import java.util.List;

/**
 * One Backup copy as lists show it (read model; no body, no scan report).
 *
 * @param backupId        the copy's id
 * @param message         envelope, Message-ID, client address, node; recipients are the original
 *                        recipients a delivery goes to
 * @param triggers        module, status and rule of every reason for the copy
 * @param sizeBytes       size of the original
 * @param compressedBytes bytes in storage
 * @param sha256          hex SHA-256 of the original
 * @param storedAt        when the copy was stored (millisecond precision)
 */
public record BackupCopyView(String backupId, MessageRef message, List<BackupTrigger> triggers, long sizeBytes,
        long compressedBytes, String sha256, Instant storedAt) {

    public BackupCopyView {
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }

    /** The event that announces this copy (what the gateway appends after storing it). */
    public BackupCopyStoredEvent storedEvent() {
        return new BackupCopyStoredEvent(backupId, message, triggers, sizeBytes, compressedBytes, sha256, storedAt);
    }
}
