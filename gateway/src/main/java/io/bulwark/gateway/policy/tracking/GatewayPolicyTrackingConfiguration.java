package io.bulwark.gateway.policy.tracking;

import io.bulwark.gateway.GatewayProperties;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.gateway.smtp.SmtpServerLifecycle;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects the gateway's policy to the event store in an application that has one (found by the
 * component scan of {@code io.bulwark}; a gateway test context without Axon leaves it out and feeds
 * {@link GatewayPolicy} directly).
 *
 * <p>Processor {@value PolicyEventHandler#PROCESSING_GROUP}: tracking, one thread, an
 * <em>in-memory</em> token store, and an initial token that loads the policy first
 * ({@link PolicyEventHandler#startingPoint}). In memory because the state it feeds lives in this
 * node's memory: after a restart the state is empty, so the position must be too, and a token
 * shared through MongoDB would be claimed by one node only.
 *
 * <p>Readiness: the SMTP listener is not started before the policy is loaded, at most
 * {@code bulwark.policy.startup-wait} (default 60 s); past that it starts anyway and DATA answers
 * 451 until the load completes (see {@code intake.MessageJudgement}), so no message is ever judged by an
 * incomplete policy and no start-up hangs forever on a store that is down.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayPolicyTrackingConfiguration {
    private static final Logger log = LoggerFactory.getLogger(GatewayPolicyTrackingConfiguration.class);

    @Bean
    PolicyEventHandler bulwarkPolicyEventHandler(GatewayPolicy policy, ObjectProvider<EventStore> eventStore) {
        return new PolicyEventHandler(policy, eventStore::getObject);
    }

    @Bean
    ConfigurerModule bulwarkGatewayPolicyProcessor(PolicyEventHandler handler) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(PolicyEventHandler.PROCESSING_GROUP,
                        axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(handler::startingPoint))
                .registerTokenStore(PolicyEventHandler.PROCESSING_GROUP, axon -> new InMemoryTokenStore()));
    }

    /** Holds back the SMTP listener until the policy is loaded (bounded). */
    @Bean
    SmartLifecycle bulwarkPolicyReadinessGate(GatewayPolicy policy, GatewayProperties properties) {
        Duration startupWait = properties.policy().startupWait();
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                if (!policy.awaitReady(startupWait)) {
                    log.warn("gateway policy not loaded after {}; SMTP starts, DATA answers 451 until it is",
                            startupWait);
                }
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // after Axon (which starts the processors), just before the listener
                return SmtpServerLifecycle.PHASE - 1;
            }
        };
    }
}
