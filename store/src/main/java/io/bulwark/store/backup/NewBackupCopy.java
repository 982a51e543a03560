package io.bulwark.store.backup;

import io.bulwark.events.backup.BackupCopyIds;
import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.ScanReport;
import java.util.List;
import java.util.Objects;

/**
 * What the gateway knows about a copy it puts into Backup, besides the bytes.
 *
 * @param backupId   the copy's id ({@link BackupCopyIds#isValid}); derive it from the queue id so a
 *                   retry stores the same copy
 * @param message    the message; {@code recipients} are those a delivery from Backup will go to
 *                   (the recipients of the groups whose rule asked for the copy)
 * @param triggers   module, status and rule of every reason for the copy
 * @param scanReport the full scan report, kept with the copy for its details view; may be {@code null}
 */
public record NewBackupCopy(String backupId, MessageRef message, List<BackupTrigger> triggers, ScanReport scanReport) {

    public NewBackupCopy {
        if (!BackupCopyIds.isValid(backupId)) {
            throw new IllegalArgumentException("Invalid backup id '" + backupId + "': 1-128 of A-Z a-z 0-9 . _ -");
        }
        Objects.requireNonNull(message, "message");
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }
}
