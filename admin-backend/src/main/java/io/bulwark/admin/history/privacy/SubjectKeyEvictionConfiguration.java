package io.bulwark.admin.history.privacy;

import io.bulwark.store.privacy.SubjectKeys;
import java.time.Instant;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@link SubjectKeyEviction} where personal-data encryption is on: one tracking processor per
 * node ({@code subject-key-eviction@<node id>}), single-threaded, in-memory token from shortly before
 * the process started ({@link SubjectKeyEviction#initialToken}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bulwark.history.personal-data-encryption", havingValue = "true")
public class SubjectKeyEvictionConfiguration {

    @Bean
    public SubjectKeyEviction subjectKeyEviction(SubjectKeys keys) {
        return new SubjectKeyEviction(keys);
    }

    @Bean
    public ConfigurerModule subjectKeyEvictionProcessor(@Value("${bulwark.node-id:${HOSTNAME:node}}") String nodeId) {
        String processor = SubjectKeyEviction.processorName(nodeId);
        Instant started = SubjectKeyEviction.processStart();
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(processor, axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(source -> SubjectKeyEviction.initialToken(source, started)))
                .registerTokenStore(processor, axon -> new InMemoryTokenStore())
                .assignProcessingGroup(SubjectKeyEviction.PROCESSING_GROUP, processor));
    }
}
