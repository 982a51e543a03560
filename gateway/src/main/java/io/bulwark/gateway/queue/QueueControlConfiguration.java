package io.bulwark.gateway.queue;

import io.bulwark.gateway.GatewayProperties;
import io.bulwark.gateway.delivery.DeliveryScheduler;
import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.smtp.SmtpServerLifecycle;
import io.bulwark.gateway.quarantine.SpamQuarantine;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.store.EventAppender;
import java.io.IOException;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires queue control on a gateway node (found by the component scan of {@code io.bulwark}; gateway
 * test contexts import it explicitly).
 *
 * <p>The request handler runs in a tracking processor named {@code queue-control@<node-id>}: one
 * per node, with its token in the shared token store, so every node reads every request at its
 * own pace and resumes after a restart where it stopped (requests made while it was down are
 * performed when it comes back). Its <em>first</em> start begins at the head of the stream, not at
 * the beginning of history: a request is an instruction for the nodes that existed when it was
 * made. Replaying years of "delete all" and "stop sending" into a freshly installed node would
 * destroy its queue and switch it off; a node that joins later starts with a clean slate. Without
 * Axon (plain gateway tests) the {@link ConfigurerModule} is inert and {@link QueueControl} is
 * driven directly.
 */
@Configuration(proxyBeanMethods = false)
public class QueueControlConfiguration {

    @Bean
    QueueControl bulwarkQueueControl(GatewayProperties properties, Spool spool, DeliveryScheduler scheduler,
            ObjectProvider<SmtpServerLifecycle> listener, MessageEventPublisher messageEvents,
            EventAppender appender, ObjectProvider<SpamQuarantine> quarantine) throws IOException {
        return new QueueControl(properties.nodeId(), spool, scheduler, listener.getIfAvailable(), messageEvents,
                appender, new QueueControlState(properties.dataDir().resolve("queue-control")), Clock.systemUTC(),
                quarantine.getIfAvailable());
    }

    @Bean
    QueueControlEventHandler bulwarkQueueControlEventHandler(QueueControl control) {
        return new QueueControlEventHandler(control);
    }

    @Bean
    ConfigurerModule bulwarkQueueControlProcessor(GatewayProperties properties) {
        return processor(properties.nodeId());
    }

    /** This node's processor for the processing group, starting at the head on its first start. */
    static ConfigurerModule processor(String nodeId) {
        String processor = QueueControlEventHandler.processorName(nodeId);
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(processor, axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(source -> source.createHeadToken()))
                .assignProcessingGroup(QueueControlEventHandler.PROCESSING_GROUP, processor));
    }

    /** Tells the others how this node runs, once it is up. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> bulwarkQueueControlReport(QueueControl control) {
        return ready -> control.reportState();
    }
}
