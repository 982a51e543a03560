package io.bulwark.admin.audit;

import io.bulwark.admin.support.ProjectionProcessors;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.MultiCorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the audit section: the processors of the audit log and the event log (tracking,
 * batched, like message tracking), and the request's source address in the metadata of commands
 * and events ({@link AuditMetadata}).
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    public ConfigurerModule auditLogProcessors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(AuditLogProjection.PROCESSING_GROUP, ProjectionProcessors.lingering(),
                        ProjectionProcessors.batched())
                .registerTrackingEventProcessor(EventLogProjection.PROCESSING_GROUP, ProjectionProcessors.lingering(),
                        ProjectionProcessors.batched()));
    }

    /** Source address on commands sent through the command gateway from a request thread. */
    @Bean
    public MessageDispatchInterceptor<CommandMessage<?>> auditCommandMetadata() {
        return new AuditMetadata<>();
    }

    /** Source address on events published through the event gateway from a request thread (logins). */
    @Bean
    public MessageDispatchInterceptor<EventMessage<?>> auditEventMetadata() {
        return new AuditMetadata<>();
    }

    /**
     * Copies the source address from a command to the events its handler applies. Declaring a
     * provider replaces Axon's default one, so the default ({@link MessageOriginProvider}: correlation
     * and trace ids) is kept inside this one.
     */
    @Bean
    public CorrelationDataProvider auditCorrelationData() {
        return new MultiCorrelationDataProvider<>(List.of(new MessageOriginProvider(),
                new SimpleCorrelationDataProvider(AuditMetadata.REMOTE_ADDRESS)));
    }
}
