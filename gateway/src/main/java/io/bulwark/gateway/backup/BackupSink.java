package io.bulwark.gateway.backup;

import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.ScanReport;
import java.util.List;

/**
 * Where the DATA stage puts the original of a message whose rule asked for a Backup copy. Called
 * before the message is answered: when it returns, the copy is durable and announced, so a 250 or
 * a 5xx never promises a copy that a crash could lose.
 *
 * <p>The application's implementation is {@link StoreBackupSink} (the store's Backup plus a
 * {@code BackupCopyStoredEvent}). Implementations must be thread-safe (many sessions at once) and
 * idempotent by {@link Copy#backupId()} (a client that retries after a failed answer brings the same
 * queue id only by chance, but a crash-restart may store the same copy twice).
 */
public interface BackupSink {

    /**
     * One copy to keep.
     *
     * @param backupId the copy's id, derived from the queue id ({@link #backupIdOf})
     * @param message  the message; recipients are those of the groups whose rule asked for the copy
     * @param triggers module, status and rule of every reason for the copy
     * @param report   the full scan report
     * @param original the message as received, our Received header first
     */
    record Copy(String backupId, MessageRef message, List<BackupTrigger> triggers, ScanReport report,
            byte[] original) {
        public Copy {
            triggers = List.copyOf(triggers);
        }
    }

    /**
     * Stores the copy durably and announces it.
     *
     * @throws BackupFailedException when it could not be kept; the message is then answered with a
     *                               temporary failure so that the sender retries
     */
    void store(Copy copy);

    /** The backup id of a message's copy: the queue id plus a suffix, so a retry finds the same copy. */
    static String backupIdOf(String queueId) {
        return io.bulwark.events.backup.BackupCopyIds.ofQueueId(queueId);
    }

    /**
     * The sink of a node without a Backup store (a misconfiguration: every node with an event store
     * has one). It refuses, so a message whose rule wants a copy gets a temporary failure instead of
     * being accepted without it.
     */
    static BackupSink unavailable() {
        return copy -> {
            throw new BackupFailedException("no Backup store on this node", null);
        };
    }

    /** A copy could not be kept. */
    final class BackupFailedException extends RuntimeException {
        public BackupFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
