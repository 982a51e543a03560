package io.bulwark.gateway.licence;

import io.bulwark.gateway.GatewayProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects this node's {@link NodeLicence} to the licence events (found by the component scan of
 * {@code io.bulwark} in an assembly; plain gateway tests leave it out and feed the licence
 * directly). Processor {@code licence-gate@<node-id>}: tracking, one thread, in-memory token,
 * initial token from {@link LicenceTracker#startingPoint} (loads the licence stream first).
 */
@Configuration(proxyBeanMethods = false)
public class LicenceTrackingConfiguration {

    @Bean
    LicenceTracker bulwarkLicenceTracker(NodeLicence licence, ObjectProvider<EventStore> eventStore) {
        return new LicenceTracker(licence, eventStore::getObject);
    }

    @Bean
    ConfigurerModule bulwarkLicenceProcessor(GatewayProperties properties, LicenceTracker tracker) {
        String processor = LicenceTracker.processorName(properties.nodeId());
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(processor, axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(tracker::startingPoint))
                .registerTokenStore(processor, axon -> new InMemoryTokenStore())
                .assignProcessingGroup(LicenceTracker.PROCESSING_GROUP, processor));
    }
}
