package io.bulwark.admin.queue;

import io.bulwark.admin.support.ProjectionProcessors;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Processor kinds of the queue read models: both <em>tracking</em>, with their tokens in the shared
 * token store, so each is built once for the cluster (by whichever admin node holds its segment),
 * follows the gateways at its own pace, and is rebuilt by resetting its token.
 */
@Configuration(proxyBeanMethods = false)
public class QueueConfiguration {

    @Bean
    public ConfigurerModule queueEventProcessors(ObjectProvider<QueueViewProjection> queueView) {
        return configurer -> configurer.eventProcessing(processing -> ProjectionProcessors.flushPerBatch(processing
                .registerTrackingEventProcessor(QueueViewProjection.PROCESSING_GROUP, ProjectionProcessors.lingering(),
                        ProjectionProcessors.batched())
                .registerTrackingEventProcessor(NodeStatusProjection.PROCESSING_GROUP, ProjectionProcessors.lingering(),
                        ProjectionProcessors.batched()),
                QueueViewProjection.PROCESSING_GROUP, queueView::getObject));
    }
}
