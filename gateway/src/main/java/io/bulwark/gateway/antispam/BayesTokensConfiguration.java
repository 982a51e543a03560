package io.bulwark.gateway.antispam;

import io.bulwark.gateway.GatewayProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects this node's Bayes statistics ({@code bulwarkBayesTokens}) to the training events in an
 * application that has an event store (found by the component scan of {@code io.bulwark}; plain
 * gateway test contexts without Axon leave it out).
 *
 * <p>Processor {@code bayes-tokens@<node-id>}: tracking, one thread, in-memory Axon token, initial
 * token at the tail of the stream: the node reads the whole global stream once at start and keeps
 * the training events (ADR 0017 gives the cost).
 */
@Configuration(proxyBeanMethods = false)
public class BayesTokensConfiguration {

    @Bean
    BayesTokensProjection bulwarkBayesTokensProjection(
            io.bulwark.scan.antispam.bayes.InMemoryTokenStore bulwarkBayesTokens) {
        return new BayesTokensProjection(bulwarkBayesTokens);
    }

    @Bean
    ConfigurerModule bulwarkBayesTokensProcessor(GatewayProperties properties) {
        String processor = BayesTokensProjection.processorName(properties.nodeId());
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(processor, axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(100)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerTokenStore(processor, axon -> new InMemoryTokenStore())
                .assignProcessingGroup(BayesTokensProjection.PROCESSING_GROUP, processor));
    }
}
