package io.bulwark.gateway.antivirus;

import io.bulwark.events.antivirus.AntivirusUpdateRequestedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Brings administrators' update requests to this node: an event handler in the processing group
 * {@value #PROCESSING_GROUP}, assigned to a tracking processor of this node alone
 * ({@link #processorName}), which starts at the head of the stream on its first start (a request
 * is for the nodes that existed when it was made; replaying old ones would only download again).
 * The update is queued to {@link AntivirusUpdates}' own thread, so a slow mirror never holds the
 * processor.
 */
@ProcessingGroup(AntivirusUpdateEventHandler.PROCESSING_GROUP)
public class AntivirusUpdateEventHandler {
    /** The processing group; its processor is per node. */
    public static final String PROCESSING_GROUP = "antivirus-updates";

    private final String nodeId;
    private final AntivirusUpdates updates;

    /** @param updates this node's updates, or null when it has no built-in engine (requests are ignored) */
    public AntivirusUpdateEventHandler(String nodeId, AntivirusUpdates updates) {
        this.nodeId = nodeId;
        this.updates = updates;
    }

    /** This node's processor. */
    public static String processorName(String nodeId) {
        return PROCESSING_GROUP + "@" + nodeId;
    }

    @EventHandler
    void on(AntivirusUpdateRequestedEvent request) {
        if (updates != null && (request.nodeId() == null || request.nodeId().equals(nodeId))) {
            updates.request(request.requestId());
        }
    }
}
