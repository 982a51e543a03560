package io.bulwark.admin.backup;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.backup.BackupCopyDeletedEvent;
import io.bulwark.events.backup.BackupCopyDeliveryRequestedEvent;
import io.bulwark.events.backup.BackupCopyDownloadedEvent;
import io.bulwark.events.backup.BackupCopyStoredEvent;
import io.bulwark.events.backup.DeleteBackupCopyCommand;
import io.bulwark.events.backup.DeliverBackupCopyCommand;
import io.bulwark.events.backup.DownloadBackupCopyCommand;
import io.bulwark.events.message.MessageRef;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One Backup copy, event sourced; the aggregate identifier is the backup id.
 *
 * <p>Created from outside: its first event, {@link BackupCopyStoredEvent} at sequence 0, is appended
 * by the gateway (type {@code BackupCopy}) after it stored the bytes, or by
 * {@link BackupAdministration} from the store's metadata if that append was lost. So there is no
 * creating command; a command for an id without events is refused by Axon
 * ({@code AggregateNotFoundException}).
 *
 * <p>Why an aggregate rather than a service that publishes events: deleting is final, and two
 * administrators (or an administrator and a HelpDesk user) acting on one copy at the same moment must
 * not produce "deleted" followed by "delivered". The aggregate's stream orders the commands on one
 * copy and refuses any after the deletion, on every admin node. Eviction by the store is not in this
 * stream (the store does not take part in its sequence); the service checks the store before each
 * command, so an evicted copy answers "not found".
 *
 * <p>Handlers validate, then apply; event-sourcing handlers only assign fields. Timestamps from Axon's
 * event clock. Confined to one unit of work at a time by the repository's lock.
 */
@Aggregate(commandTargetResolver = AggregateCommandTargetResolver.BEAN_NAME)
public class BackupCopy {

    @AggregateIdentifier
    private String backupId;
    private MessageRef message;
    private String deletedBy;

    /** For Axon: instances are rebuilt from events. */
    protected BackupCopy() {
    }

    /** Asks the gateway to deliver the original to its original recipients. */
    @CommandHandler
    public void handle(DeliverBackupCopyCommand command) {
        requireActor(command.actor());
        requirePresent();
        if (command.requestId() == null || command.requestId().isBlank()) {
            throw new InvalidBackupCommandException("A delivery request needs a request id");
        }
        if (message.recipients().isEmpty()) {
            throw new InvalidBackupCommandException("Backup copy " + backupId + " has no recipients to deliver to");
        }
        apply(new BackupCopyDeliveryRequestedEvent(backupId, command.requestId(), message, command.actor(),
                GenericEventMessage.clock.instant()));
    }

    /** Records a download before the bytes are handed out. */
    @CommandHandler
    public void handle(DownloadBackupCopyCommand command) {
        requireActor(command.actor());
        requirePresent();
        apply(new BackupCopyDownloadedEvent(backupId, command.actor(), GenericEventMessage.clock.instant()));
    }

    /** Deletes the copy; final. */
    @CommandHandler
    public void handle(DeleteBackupCopyCommand command) {
        requireActor(command.actor());
        requirePresent();
        apply(new BackupCopyDeletedEvent(backupId, command.actor(), GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(BackupCopyStoredEvent event) {
        backupId = event.backupId();
        message = event.message();
    }

    @EventSourcingHandler
    void on(BackupCopyDeletedEvent event) {
        deletedBy = event.actor();
    }

    private void requirePresent() {
        if (deletedBy != null) {
            throw new BackupCopyDeletedException(backupId, deletedBy);
        }
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidBackupCommandException("A Backup command needs the acting account");
        }
    }
}
