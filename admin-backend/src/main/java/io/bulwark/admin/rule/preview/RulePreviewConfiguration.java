package io.bulwark.admin.rule.preview;

import com.mongodb.client.MongoDatabase;
import io.bulwark.admin.history.ConfigurationHistory;
import io.bulwark.admin.rule.RulePreviews;
import io.bulwark.admin.support.ProjectionProcessors;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the rule-change impact preview: its read model ({@link PreviewInputsProjection}, a tracking
 * processor with the read models' batching: its counts are safe to re-apply, see the projection)
 * and the preview service the REST API and the console use.
 */
@Configuration(proxyBeanMethods = false)
public class RulePreviewConfiguration {

    @Bean
    public PreviewInputsProjection previewInputsProjection(MongoDatabase database) {
        return new PreviewInputsProjection(database);
    }

    @Bean
    public RulePreviews rulePreviews(PreviewInputsProjection inputs, ConfigurationHistory configuration) {
        return new RulePreviews(inputs, configuration, Clock.systemUTC());
    }

    @Bean
    public ConfigurerModule rulePreviewEventProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(PreviewInputsProjection.PROCESSING_GROUP, axon -> axon.eventStore(),
                        ProjectionProcessors.batched()));
    }
}
