package io.bulwark.gateway.tlsadmin;

import io.bulwark.store.secrets.MasterKey;
import io.bulwark.store.secrets.MasterKeyProvisioning;

import com.mongodb.client.MongoDatabase;
import io.bulwark.gateway.GatewayProperties;
import io.bulwark.gateway.tls.ServerTls;
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
 * Connects this node's listener to certificate management (found by the component scan of
 * {@code io.bulwark}; needs the store's {@link MongoDatabase}, which every assembly has; plain
 * gateway tests leave it out).
 *
 * <p>Processor {@code tls-activation@<node-id>}: tracking, one thread, in-memory token, initial token
 * from {@link CertificateActivationHandler#startingPoint} (installs the active certificate first). A
 * managed certificate, once activated, replaces the one from {@code bulwark.tls.certificate-file} /
 * {@code keystore} or the generated self-signed one, at start-up too.
 */
@Configuration(proxyBeanMethods = false)
public class TlsActivationConfiguration {

    /**
     * The master key is loaded here rather than exposed as a bean: the admin backend publishes the
     * {@link MasterKey} bean of an admin node, and in the appliance two beans of one type would be
     * ambiguous. Both read the same settings ({@link MasterKeyProvisioning}).
     */
    @Bean
    ManagedCertificateStore bulwarkManagedCertificateStore(MongoDatabase database, Environment environment)
            throws IOException {
        return new ManagedCertificateStore(database, MasterKeyProvisioning.load(environment, database));
    }

    @Bean
    CertificateActivationHandler bulwarkCertificateActivationHandler(ObjectProvider<ServerTls> tls,
            ManagedCertificateStore store, ObjectProvider<EventStore> eventStore) {
        return new CertificateActivationHandler(tls.getIfAvailable(), store, eventStore::getObject);
    }

    @Bean
    ConfigurerModule bulwarkCertificateActivationProcessor(GatewayProperties properties,
            CertificateActivationHandler handler) {
        String processor = CertificateActivationHandler.processorName(properties.nodeId());
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(processor, axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(handler::startingPoint))
                .registerTokenStore(processor, axon -> new InMemoryTokenStore())
                .assignProcessingGroup(CertificateActivationHandler.PROCESSING_GROUP, processor));
    }
}
