package io.bulwark.gateway.queue;

import io.bulwark.events.queue.NodeTrafficChangeRequestedEvent;
import io.bulwark.events.queue.QueueActionRequestedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Brings the administrators' queue requests to this node: an event handler in the processing
 * group {@value #PROCESSING_GROUP}, which {@link QueueControlConfiguration} assigns to a tracking
 * processor of this node alone ({@link #processorName}), so every node sees every request.
 *
 * <p>Not replayable on purpose: it has side effects (a replay would delete messages again), so it
 * has no reset handler and its processor starts at the head of the stream on its first start.
 */
@ProcessingGroup(QueueControlEventHandler.PROCESSING_GROUP)
public class QueueControlEventHandler {
    /** The processing group; its processor is per node. */
    public static final String PROCESSING_GROUP = "queue-control";

    private final QueueControl control;

    public QueueControlEventHandler(QueueControl control) {
        this.control = control;
    }

    /**
     * The processor of this node: its token (in the shared token store) is this node's position in
     * the request stream, independent of every other node.
     */
    public static String processorName(String nodeId) {
        return PROCESSING_GROUP + "@" + nodeId;
    }

    @EventHandler
    void on(QueueActionRequestedEvent request) {
        control.applyAndWait(request);
    }

    @EventHandler
    void on(NodeTrafficChangeRequestedEvent request) {
        control.apply(request);
    }
}
