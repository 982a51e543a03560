package io.bulwark.events.backup;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;
import java.util.List;

/**
 * The original of a message was stored in Backup. The first event (sequence 0) of the
 * {@value BackupCopyIds#AGGREGATE_TYPE} aggregate whose identifier is {@code backupId}; its event
 * identifier is {@link BackupCopyIds#storedEventId}. The bytes are in the store, found by
 * {@code backupId} and checked against {@code sha256}; the full scan report is stored with them, not
 * here.
 *
 * @param backupId        the copy's id ({@link BackupCopyIds#isValid})
 * @param message         the message; {@code recipients} are the recipients a delivery from Backup
 *                        goes to (those of the groups whose rule asked for the copy)
 * @param triggers        the module, status and rule of every reason for the copy
 * @param sizeBytes       size of the original
 * @param compressedBytes bytes it takes in storage (what counts against the size cap)
 * @param sha256          hex SHA-256 of the original
 * @param at              when the copy was stored
 */
@EventRevision("1")
public record BackupCopyStoredEvent(String backupId, MessageRef message, List<BackupTrigger> triggers, long sizeBytes,
        long compressedBytes, String sha256, Instant at) {

    public BackupCopyStoredEvent {
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }
}
