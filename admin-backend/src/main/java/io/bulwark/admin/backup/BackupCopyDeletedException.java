package io.bulwark.admin.backup;

/** A command for a Backup copy that was deleted already. */
public class BackupCopyDeletedException extends InvalidBackupCommandException {

    public BackupCopyDeletedException(String backupId, String deletedBy) {
        super("Backup copy " + backupId + " was deleted by " + deletedBy);
    }
}
