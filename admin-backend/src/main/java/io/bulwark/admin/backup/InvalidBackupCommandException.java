package io.bulwark.admin.backup;

/** A Backup command was refused because it is incomplete (no actor, no request id, no recipients). */
public class InvalidBackupCommandException extends RuntimeException {

    public InvalidBackupCommandException(String message) {
        super(message);
    }
}
