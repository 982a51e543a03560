package io.bulwark.admin.antivirus;

import io.bulwark.admin.support.ProjectionProcessors;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The anti-virus read model's processor: tracking, with its token in the shared token store, so it
 * is built once for the cluster and rebuilt by resetting its token.
 */
@Configuration(proxyBeanMethods = false)
public class AntivirusAdminConfiguration {

    @Bean
    public ConfigurerModule antivirusEventProcessors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(AntivirusDatabasesProjection.PROCESSING_GROUP,
                        ProjectionProcessors.lingering(), ProjectionProcessors.batched()));
    }
}
