package io.bulwark.gateway.backup;

import io.bulwark.events.backup.BackupCopyView;
import io.bulwark.store.EventAppender;
import io.bulwark.store.backup.BackupStore;
import io.bulwark.store.backup.NewBackupCopy;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Backup copies in the store's {@link BackupStore} and announces each with the
 * {@code BackupCopyStoredEvent} that starts the copy's aggregate ({@link BackupStore#storedEventMessage}:
 * a domain event with the backup id as aggregate id and a deterministic event id). Both steps are
 * idempotent, so a retry after a crash stores and announces the same copy once.
 *
 * <p>The event is awaited (at most {@value #EVENT_WAIT_SECONDS} s): the console lists copies from
 * the events, and the spool keeps nothing from which a lost announcement could be rebuilt. That wait
 * is also what makes the copy durable: the copy is put without a commit of its own
 * ({@link BackupStore#putLeavingCommitToCaller}), because the appender commits the same store for
 * the event after the copy's writes, and nothing is answered before that commit. The append is
 * {@link EventAppender#appendAwaited}: the SMTP client waits for it, so it does not wait out the
 * appender's linger.
 * Thread-safe.
 */
public final class StoreBackupSink implements BackupSink {
    private static final Logger log = LoggerFactory.getLogger(StoreBackupSink.class);
    private static final long EVENT_WAIT_SECONDS = 30;

    private final BackupStore store;
    private final EventAppender appender;

    public StoreBackupSink(BackupStore store, EventAppender appender) {
        this.store = store;
        this.appender = appender;
    }

    @Override
    public void store(Copy copy) {
        BackupCopyView stored;
        try {
            stored = store.putLeavingCommitToCaller(
                    new NewBackupCopy(copy.backupId(), copy.message(), copy.triggers(), copy.report()), copy.original());
        } catch (RuntimeException e) {
            throw new BackupFailedException("cannot store Backup copy " + copy.backupId(), e);
        }
        try {
            appender.appendAwaited(List.of(BackupStore.storedEventMessage(stored.storedEvent())))
                    .get(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BackupFailedException("Backup copy " + copy.backupId() + " stored but not announced", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupFailedException("interrupted announcing Backup copy " + copy.backupId(), e);
        }
        log.info("{}: original kept in Backup as {} ({} bytes, {} stored)", copy.message().queueId(),
                copy.backupId(), stored.sizeBytes(), stored.compressedBytes());
    }
}
