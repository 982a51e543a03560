package io.bulwark.events.antivirus;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * An administrator asked for an update now (the audit record; each node that runs it answers with
 * an update result event carrying {@code requestId}).
 *
 * @param requestId identifies the request in the nodes' result events
 * @param nodeId    the targeted node, or {@code null} for every node
 * @param actor     the administrator
 * @param at        when the request was accepted
 */
@EventRevision("1")
public record AntivirusUpdateRequestedEvent(String requestId, String nodeId, String actor, Instant at) {
}
