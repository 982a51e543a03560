package io.bulwark.admin;

import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.rule.RulesProjection;
import io.bulwark.admin.support.ProjectionProcessors;
import io.bulwark.admin.tracking.MessageTrackingProjection;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the admin backend that annotations alone cannot express: command routing and the event
 * processor kind of each processing group.
 *
 * <p>The accounts projection is <em>subscribing</em>: it is updated in the unit of work that creates
 * or changes an account, so the first-start account can log in immediately and a password change
 * takes effect at once. Its state lives in MongoDB, shared by all admin nodes. The tracking
 * projection is <em>tracking</em>: it follows the gateway's event stream at its own pace and can be
 * rebuilt by resetting its token.
 *
 * <p>The rules projection is <em>tracking</em> with an <em>in-memory token store</em>: its state lives
 * in each node's memory, so its position in the stream must too. Every node then replays the (small)
 * rule and list streams from zero at start and keeps its own copy; a shared token would let one node
 * claim the segment and leave the others' copies empty.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
public class AdminBackendConfiguration {

    /** Routes every {@link io.bulwark.events.AggregateCommand} by its {@code targetId()}. */
    @Bean(AggregateCommandTargetResolver.BEAN_NAME)
    public AggregateCommandTargetResolver aggregateCommandTargetResolver() {
        return new AggregateCommandTargetResolver();
    }

    /** Declares the processor kind of each of our processing groups. */
    @Bean
    public ConfigurerModule adminEventProcessors(ObjectProvider<MessageTrackingProjection> tracking) {
        return configurer -> configurer.eventProcessing(processing -> ProjectionProcessors.flushPerBatch(processing
                .registerSubscribingEventProcessor(AdminAccountsProjection.PROCESSING_GROUP)
                .registerTrackingEventProcessor(MessageTrackingProjection.PROCESSING_GROUP, ProjectionProcessors.lingering(),
                        ProjectionProcessors.batched())
                .registerTrackingEventProcessor(RulesProjection.PROCESSING_GROUP)
                .registerTokenStore(RulesProjection.PROCESSING_GROUP, axon -> new InMemoryTokenStore()),
                MessageTrackingProjection.PROCESSING_GROUP, tracking::getObject));
    }
}
