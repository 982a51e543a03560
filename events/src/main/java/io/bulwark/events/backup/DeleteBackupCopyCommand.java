package io.bulwark.events.backup;

import io.bulwark.events.AggregateCommand;

/**
 * Delete a Backup copy (Administrators only).
 *
 * @param backupId the copy
 * @param actor    the account deleting it
 */
public record DeleteBackupCopyCommand(String backupId, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return backupId;
    }
}
