package io.bulwark.admin.queue;

import io.bulwark.events.queue.ChangeNodeTrafficCommand;
import io.bulwark.events.queue.NodeTrafficChangeRequestedEvent;
import io.bulwark.events.queue.QueueActionRequestedEvent;
import io.bulwark.events.queue.RequestQueueActionCommand;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.stereotype.Component;

/**
 * Validates queue control commands and records them as requests for the gateway nodes.
 *
 * <p>A stateless command handler rather than an aggregate: there is no invariant to protect between
 * requests (the state they act on lives in each node's spool), so serialising them through one
 * aggregate stream would only add contention. The request event is the audit record (with its actor)
 * and the instruction the nodes follow; it is published in the command's unit of work, so the
 * command returns only once it is stored. Returns the request id, which the nodes' result events
 * carry.
 *
 * <p>Validation mirrors what the nodes accept, so that nothing unsafe is ever recorded: queue ids
 * are letters and digits only (the nodes use them as file names), at most {@value #MAX_IDS} per
 * request; node ids are host-name-like. Thread-safe.
 */
@Component
public class QueueCommandHandler {
    /** Most queue ids in one request (a console page; "all" covers the rest). */
    public static final int MAX_IDS = 1000;
    private static final Pattern QUEUE_ID = Pattern.compile("[0-9A-Za-z]{1,64}");

    private final EventBus eventBus;

    public QueueCommandHandler(EventBus eventBus) {
        this.eventBus = eventBus;
    }

    @CommandHandler
    public String handle(RequestQueueActionCommand command) {
        requireActor(command.actor());
        if (command.action() == null) {
            throw new InvalidQueueCommandException("'action' is required: FORCE_DELIVERY, DELETE, HOLD or RELEASE");
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(command.queueIds()));
        if (command.all() == !ids.isEmpty()) {
            throw new InvalidQueueCommandException("Give either 'queueIds' or 'all': true");
        }
        if (ids.size() > MAX_IDS) {
            throw new InvalidQueueCommandException("At most " + MAX_IDS + " queue ids per request; use 'all'");
        }
        for (String id : ids) {
            if (id == null || !QUEUE_ID.matcher(id).matches()) {
                throw new InvalidQueueCommandException("Not a queue id: '" + id + "'");
            }
        }
        String node = node(command.nodeId());
        String requestId = UUID.randomUUID().toString();
        eventBus.publish(GenericEventMessage.asEventMessage(new QueueActionRequestedEvent(requestId,
                command.action(), ids, command.all(), node, command.actor(), GenericEventMessage.clock.instant())));
        return requestId;
    }

    @CommandHandler
    public String handle(ChangeNodeTrafficCommand command) {
        requireActor(command.actor());
        if (command.direction() == null) {
            throw new InvalidQueueCommandException("'direction' is required: RECEIVING or SENDING");
        }
        String requestId = UUID.randomUUID().toString();
        eventBus.publish(GenericEventMessage.asEventMessage(new NodeTrafficChangeRequestedEvent(requestId,
                node(command.nodeId()), command.direction(), command.enabled(), command.actor(),
                GenericEventMessage.clock.instant())));
        return requestId;
    }

    private static String node(String nodeId) {
        if (nodeId == null || nodeId.isBlank()) {
            return null;
        }
        if (!io.bulwark.admin.support.NodeIds.valid(nodeId)) {
            throw new InvalidQueueCommandException("Not a node id: '" + nodeId + "'");
        }
        return nodeId;
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidQueueCommandException("The actor is required");
        }
    }
}
