package io.bulwark.admin.backup;

import io.bulwark.events.backup.BackupCopyDetails;
import io.bulwark.events.backup.BackupCopyIds;
import io.bulwark.events.backup.BackupCopyView;
import io.bulwark.events.backup.BackupSearchCriteria;
import io.bulwark.events.backup.BackupUsageView;
import io.bulwark.events.backup.DeleteBackupCopyCommand;
import io.bulwark.events.backup.DeliverBackupCopyCommand;
import io.bulwark.events.backup.DownloadBackupCopyCommand;
import io.bulwark.store.backup.BackupStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

/**
 * Backup for the REST API and the console alike: reads from the {@link BackupStore} (whose metadata
 * collection is the read model: it is shared by every node and is exactly what can be delivered or
 * downloaded, so a second projection could only disagree with it), and changes through the
 * {@link BackupCopy} aggregate, so that every deliver, download and delete is an audited event.
 *
 * <p>Authorisation is the caller's job (the API's filter chain, the console's client): the caller
 * passes the authenticated user as {@code actor}.
 *
 * <p>Before the first command on a copy, the service makes sure the copy's aggregate exists: if its
 * stream is empty (the gateway's {@code BackupCopyStoredEvent} is still on its way, or was lost in a
 * crash after the bytes were stored) it appends that event itself, built from the stored metadata
 * with the same deterministic event id, so whichever append comes second is a recognised duplicate.
 *
 * <p>Refusals: {@link UnknownBackupCopyException} (not stored), {@link BackupCopyDeletedException},
 * {@link InvalidBackupCommandException}. Stateless and thread-safe.
 */
@Service
public class BackupAdministration {

    /** Most rows one search returns. */
    public static final int MAX_LIMIT = 1000;
    /** Rows a search returns unless asked otherwise. */
    public static final int DEFAULT_LIMIT = 100;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final BackupStore store;
    private final CommandGateway commandGateway;
    private final EventStore eventStore;

    public BackupAdministration(BackupStore store, CommandGateway commandGateway, EventStore eventStore) {
        this.store = store;
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
    }

    /** Copies that match, newest first; {@code limit} is capped at {@value #MAX_LIMIT}. */
    public List<BackupCopyView> search(BackupSearchCriteria criteria, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more");
        }
        return store.search(criteria, Math.min(limit, MAX_LIMIT));
    }

    /** A copy with its full scan report. */
    public Optional<BackupCopyDetails> details(String backupId) {
        return BackupCopyIds.isValid(backupId) ? store.find(backupId) : Optional.empty();
    }

    /** How full Backup is. */
    public BackupUsageView usage() {
        return store.usage();
    }

    /** Asks the gateway to deliver the copy to its original recipients. */
    public BackupDeliveryRequest deliver(String backupId, String actor) {
        BackupCopyView copy = registered(backupId);
        String requestId = UUID.randomUUID().toString();
        send(new DeliverBackupCopyCommand(backupId, requestId, actor));
        return new BackupDeliveryRequest(backupId, requestId, copy.message().recipients());
    }

    /**
     * The original as an {@code .eml} file. The bytes are read first and handed out only after the
     * download is recorded, so there is no download without its event.
     */
    public BackupDownload download(String backupId, String actor) {
        registered(backupId);
        byte[] bytes = store.get(backupId).orElseThrow(() -> new UnknownBackupCopyException(backupId));
        send(new DownloadBackupCopyCommand(backupId, actor));
        return new BackupDownload(backupId + ".eml", bytes);
    }

    /**
     * Deletes the copy: the event first (it makes the deletion final), then the bytes. If the event
     * exists already (an earlier delete stopped before removing the bytes), the bytes are removed now
     * and the refusal is passed on.
     */
    public void delete(String backupId, String actor) {
        registered(backupId);
        try {
            send(new DeleteBackupCopyCommand(backupId, actor));
        } catch (BackupCopyDeletedException alreadyDeleted) {
            store.delete(backupId);
            throw alreadyDeleted;
        }
        store.delete(backupId);
    }

    /** The stored copy, with its aggregate's first event in place. */
    private BackupCopyView registered(String backupId) {
        BackupCopyView copy = details(backupId).map(BackupCopyDetails::copy)
                .orElseThrow(() -> new UnknownBackupCopyException(backupId));
        if (eventStore.lastSequenceNumberFor(backupId).isEmpty()) {
            eventStore.publish(BackupStore.storedEventMessage(copy.storedEvent()));
        }
        return copy;
    }

    private void send(Object command) {
        commandGateway.sendAndWait(command, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
