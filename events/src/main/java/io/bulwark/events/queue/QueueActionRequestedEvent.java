package io.bulwark.events.queue;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/**
 * An administrator asked for a queue action (the audit record of the request; the gateway nodes
 * record what they actually did as separate events carrying {@code requestId}).
 *
 * @param requestId identifies the request in the result events
 * @param action    what to do
 * @param queueIds  the messages, empty when {@code all}
 * @param all       every message queued on the targeted nodes
 * @param nodeId    the targeted node, or {@code null} for every node
 * @param actor     the administrator
 * @param at        when the request was accepted
 */
@EventRevision("1")
public record QueueActionRequestedEvent(String requestId, QueueAction action, List<String> queueIds, boolean all,
        String nodeId, String actor, Instant at) {

    public QueueActionRequestedEvent {
        queueIds = queueIds == null ? List.of() : List.copyOf(queueIds);
    }
}
