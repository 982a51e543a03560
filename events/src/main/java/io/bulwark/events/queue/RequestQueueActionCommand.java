package io.bulwark.events.queue;

import java.util.List;

/**
 * Ask the gateway nodes to act on queued messages. Either {@code queueIds} names the messages, or
 * {@code all} is true (and {@code queueIds} empty): every message queued on the targeted nodes at the
 * moment each node handles the request.
 *
 * @param action   what to do
 * @param queueIds the messages (at most 1000), or empty with {@code all}
 * @param all      every queued message
 * @param nodeId   only this node, or {@code null} for every node (each acts on what it holds)
 * @param actor    the administrator
 */
public record RequestQueueActionCommand(QueueAction action, List<String> queueIds, boolean all, String nodeId,
        String actor) {

    public RequestQueueActionCommand {
        queueIds = queueIds == null ? List.of() : List.copyOf(queueIds);
    }
}
