package io.bulwark.admin.antivirus;

import io.bulwark.admin.support.NodeIds;
import io.bulwark.events.antivirus.AntivirusUpdateRequestedEvent;
import io.bulwark.events.antivirus.RequestAntivirusUpdateCommand;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.stereotype.Component;

/**
 * Validates "update the signature databases now" and records it as a request the gateway nodes
 * follow ({@link AntivirusUpdateRequestedEvent}, with its actor: the audit record). A stateless
 * command handler rather than an aggregate, as queue control's: there is no invariant between
 * requests (the databases live on each node), so one aggregate stream would only serialise them.
 * The event is published in the command's unit of work; returns the request id that the nodes'
 * result events carry. Thread-safe.
 */
@Component
public class AntivirusUpdateCommandHandler {
    private final EventBus eventBus;

    public AntivirusUpdateCommandHandler(EventBus eventBus) {
        this.eventBus = eventBus;
    }

    @CommandHandler
    public String handle(RequestAntivirusUpdateCommand command) {
        if (command.actor() == null || command.actor().isBlank()) {
            throw new InvalidAntivirusRequestException("The actor is required");
        }
        String node = command.nodeId() == null || command.nodeId().isBlank() ? null : command.nodeId();
        if (node != null && !NodeIds.valid(node)) {
            throw new InvalidAntivirusRequestException("Not a node id: '" + node + "'");
        }
        String requestId = UUID.randomUUID().toString();
        eventBus.publish(GenericEventMessage.asEventMessage(new AntivirusUpdateRequestedEvent(requestId, node,
                command.actor(), GenericEventMessage.clock.instant())));
        return requestId;
    }
}
