package io.bulwark.admin.history;

import io.bulwark.events.history.ProjectionRebuildRequestedEvent;
import io.bulwark.events.history.RebuildProjectionCommand;
import io.bulwark.events.history.RotateSealingKeyCommand;
import io.bulwark.events.history.SealingKeyActivatedEvent;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * Validates the history's administrative commands and records each as an event.
 *
 * <p>A stateless handler, like the queue's: a key rotation has no invariant across rotations (the
 * newest key signs), and a rebuild acts on this node's processors. The event is published in the
 * command's unit of work: the command returns once the audit record is stored. A rebuild starts
 * after the record is stored, so the history never shows a rebuild nobody asked for. Thread-safe.
 */
public class HistoryCommandHandler {
    private final EventBus eventBus;
    private final SealingKeys keys;
    private final ProjectionRebuilds rebuilds;

    public HistoryCommandHandler(EventBus eventBus, SealingKeys keys, ProjectionRebuilds rebuilds) {
        this.eventBus = eventBus;
        this.keys = keys;
        this.rebuilds = rebuilds;
    }

    /** Generates and activates a new signing key; returns its key id. */
    @CommandHandler
    public String handle(RotateSealingKeyCommand command) {
        requireActor(command.actor());
        String reason = command.reason() == null ? "" : command.reason().strip();
        if (reason.length() > 500) {
            throw new InvalidHistoryCommandException("'reason' is at most 500 characters");
        }
        SealingKeys.PublicKeyInfo key = keys.generate(GenericEventMessage.clock.instant());
        eventBus.publish(GenericEventMessage.asEventMessage(new SealingKeyActivatedEvent(key.keyId(),
                SealingKeys.ALGORITHM, key.publicKey(), key.previousKeyId(), command.actor(), reason,
                key.activatedAt())));
        return key.keyId();
    }

    /** Records the rebuild request and starts the rebuild; returns the request id. */
    @CommandHandler
    public String handle(RebuildProjectionCommand command) {
        requireActor(command.actor());
        String group = command.processingGroup();
        if (group == null || !rebuilds.rebuildable().contains(group)) {
            throw new InvalidHistoryCommandException("Not a read model that can be rebuilt: '" + group
                    + "'; one of " + rebuilds.rebuildable());
        }
        String requestId = UUID.randomUUID().toString();
        eventBus.publish(GenericEventMessage.asEventMessage(new ProjectionRebuildRequestedEvent(requestId, group,
                command.actor(), GenericEventMessage.clock.instant())));
        org.axonframework.messaging.unitofwork.CurrentUnitOfWork.ifStarted(
                unit -> unit.afterCommit(u -> rebuilds.rebuild(group)));
        if (!org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
            rebuilds.rebuild(group);
        }
        return requestId;
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidHistoryCommandException("'actor' is required");
        }
    }
}
