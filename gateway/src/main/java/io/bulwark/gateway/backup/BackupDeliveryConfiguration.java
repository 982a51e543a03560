package io.bulwark.gateway.backup;

import io.bulwark.gateway.GatewayProperties;
import io.bulwark.gateway.delivery.DeliveryScheduler;
import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.spool.QueueIdGenerator;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.store.backup.BackupStore;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@link BackupDeliveryHandler} in an application with an event store and a Backup store
 * (found by the component scan of {@code io.bulwark}; gateway tests without Axon leave it out).
 * The processor uses the application's default (shared MongoDB) token store; see the handler for
 * why.
 */
@Configuration(proxyBeanMethods = false)
public class BackupDeliveryConfiguration {

    @Bean
    BackupDeliveryHandler bulwarkBackupDeliveryHandler(ObjectProvider<BackupStore> store, Spool spool,
            QueueIdGenerator queueIds, MessageEventPublisher events, DeliveryScheduler scheduler,
            GatewayProperties properties) {
        return new BackupDeliveryHandler(new BackupRedelivery(id -> store.getObject().get(id), spool, queueIds, events,
                scheduler, properties.nodeId(), Clock.systemUTC()));
    }

    @Bean
    ConfigurerModule bulwarkBackupDeliveryProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(BackupDeliveryHandler.PROCESSING_GROUP, axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken)));
    }
}
