package io.bulwark.admin.report;

import com.mongodb.client.MongoDatabase;
import io.bulwark.admin.support.ProjectionProcessors;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the reports: the counters' batched tracking processor and their reader.
 */
@Configuration(proxyBeanMethods = false)
public class ReportConfiguration {

    @Bean
    public ReportCounters reportCounters(MongoDatabase database) {
        return new ReportCounters(database);
    }

    /** The counters follow the mail events in batches; see {@link ReportCountersProjection} for redelivery. */
    @Bean
    public ConfigurerModule reportProcessors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(ReportCountersProjection.PROCESSING_GROUP, axon -> axon.eventStore(),
                        ProjectionProcessors.batched()));
    }
}
