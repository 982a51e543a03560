package io.bulwark.admin.backup;

/** No Backup copy with that id is stored (never was, deleted, or evicted). */
public class UnknownBackupCopyException extends RuntimeException {

    public UnknownBackupCopyException(String backupId) {
        super("No Backup copy '" + backupId + "'");
    }
}
