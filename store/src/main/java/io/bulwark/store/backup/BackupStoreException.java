package io.bulwark.store.backup;

/** A Backup copy could not be stored or read back intact (damaged data, failed compression). */
public class BackupStoreException extends RuntimeException {

    public BackupStoreException(String message) {
        super(message);
    }

    public BackupStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
