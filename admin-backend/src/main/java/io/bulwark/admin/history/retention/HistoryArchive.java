package io.bulwark.admin.history.retention;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.admin.history.InvalidHistoryCommandException;
import io.bulwark.events.history.ArchiveHistorySegmentCommand;
import io.bulwark.events.history.HistorySegmentArchivedEvent;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The archive of the history as an aggregate (identifier {@value ArchiveHistorySegmentCommand#AGGREGATE_ID}):
 * it accepts archived segments only in order, each starting right after the previous one. That makes
 * it the lock between admin nodes that archive at once (ADR 0029): the repository serialises the
 * commands and the event store's unique aggregate sequence refuses a second writer, so exactly one
 * node records each segment. The same segment with the same file hash again (a node finishing a run
 * that crashed after recording) is accepted without a second event, so that node may finish the
 * removal. Handlers validate, then apply; event-sourcing handlers only assign.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class HistoryArchive {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private String id;
    private long archivedUpTo;
    private long lastFirst;
    private String lastFileSha256;

    /** For Axon: instances are rebuilt from events. */
    protected HistoryArchive() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ArchiveHistorySegmentCommand command) {
        if (command.actor() == null || command.actor().isBlank()) {
            throw new InvalidHistoryCommandException("'actor' is required");
        }
        if (command.firstIndex() < 1 || command.lastIndex() < command.firstIndex()) {
            throw new InvalidHistoryCommandException("A segment runs from index 1 or more up to at least its start");
        }
        if (command.fileSha256() == null || !SHA256.matcher(command.fileSha256()).matches()
                || command.checkpointHash() == null || !SHA256.matcher(command.checkpointHash()).matches()) {
            throw new InvalidHistoryCommandException("The file and checkpoint hashes are 64 lower-case hex digits");
        }
        if (command.fileName() == null || command.fileName().isBlank()
                || command.removable() < 0 || command.removable() > command.events()) {
            throw new InvalidHistoryCommandException("A file name and at most 'events' removable events are required");
        }
        if (command.firstIndex() == lastFirst && command.lastIndex() == archivedUpTo
                && command.fileSha256().equals(lastFileSha256)) {
            return; // recorded already (a run that stopped after recording finishes its removal)
        }
        if (command.firstIndex() != archivedUpTo + 1) {
            throw new InvalidHistoryCommandException("The history is archived up to index " + archivedUpTo
                    + "; the next segment starts at " + (archivedUpTo + 1) + ", not " + command.firstIndex());
        }
        apply(new HistorySegmentArchivedEvent(command.firstIndex(), command.lastIndex(), command.checkpointHash(),
                command.fileName(), command.fileSha256(), command.events(), command.removable(), command.actor(),
                GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(HistorySegmentArchivedEvent event) {
        id = ArchiveHistorySegmentCommand.AGGREGATE_ID;
        archivedUpTo = event.lastIndex();
        lastFirst = event.firstIndex();
        lastFileSha256 = event.fileSha256();
    }
}
