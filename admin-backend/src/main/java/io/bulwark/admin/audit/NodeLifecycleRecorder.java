package io.bulwark.admin.audit;

import io.bulwark.events.node.NodeStartedEvent;
import io.bulwark.events.node.NodeStoppedEvent;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records this node's start (when the application is ready) and orderly stop (when its context
 * starts closing, before Axon and the store shut down) for the event log. The node id is
 * {@code bulwark.node-id}, the host name by default, as the gateway names it.
 */
@Component
public class NodeLifecycleRecorder {

    private final EventGateway events;
    private final String nodeId;
    private final Clock clock = Clock.systemUTC();

    public NodeLifecycleRecorder(EventGateway events, @Value("${bulwark.node-id:}") String nodeId) {
        this.events = events;
        this.nodeId = nodeId == null || nodeId.isBlank() ? hostName() : nodeId;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void started() {
        String version = NodeLifecycleRecorder.class.getPackage().getImplementationVersion();
        events.publish(new NodeStartedEvent(nodeId, version == null ? "development" : version, clock.instant()));
    }

    @EventListener(ContextClosedEvent.class)
    public void stopping() {
        try {
            events.publish(new NodeStoppedEvent(nodeId, clock.instant()));
        } catch (RuntimeException e) {
            // The store may already be unreachable on a forced shutdown; stopping must not fail for it.
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
