package io.bulwark.gateway.dkim;

import io.bulwark.gateway.GatewayProperties;
import io.bulwark.store.secrets.MasterKeyProvisioning;
import io.bulwark.store.secrets.SealedKeys;

import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects this node's {@link DkimKeyRing} to DKIM key management (found by the component scan of
 * {@code io.bulwark}; needs the store's {@link MongoDatabase}, which every assembly has; plain
 * gateway tests leave it out, as {@code TlsActivationConfiguration}).
 *
 * <p>Processor {@code dkim-signing@<node-id>}: tracking, one thread, in-memory token, initial token
 * from {@link DkimKeyTracker#startingPoint} (loads the existing keys first). The master key is read
 * as the TLS keys' is ({@link MasterKeyProvisioning}), not taken as a bean,
 * for the reason {@code TlsActivationConfiguration} gives.
 */
@Configuration(proxyBeanMethods = false)
public class DkimKeyTrackingConfiguration {

    @Bean
    DkimKeyLoader bulwarkDkimKeyLoader(MongoDatabase database, Environment environment) throws IOException {
        return new DkimKeyLoader(new SealedKeys(database, DkimKeyLoader.COLLECTION,
                MasterKeyProvisioning.load(environment, database)));
    }

    @Bean
    DkimKeyTracker bulwarkDkimKeyTracker(DkimKeyRing ring, DkimKeyLoader loader,
            ObjectProvider<EventStore> eventStore) {
        return new DkimKeyTracker(ring, loader, eventStore::getObject);
    }

    @Bean
    ConfigurerModule bulwarkDkimKeyProcessor(GatewayProperties properties, DkimKeyTracker tracker) {
        String processor = DkimKeyTracker.processorName(properties.nodeId());
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(processor, axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(tracker::startingPoint))
                .registerTokenStore(processor, axon -> new InMemoryTokenStore())
                .assignProcessingGroup(DkimKeyTracker.PROCESSING_GROUP, processor));
    }
}
