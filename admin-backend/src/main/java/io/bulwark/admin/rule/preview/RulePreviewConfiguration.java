package io.bulwark.admin.rule.preview;

import com.mongodb.client.MongoDatabase;
import io.bulwark.admin.history.ConfigurationHistory;
import io.bulwark.admin.rule.RulePreviews;
import io.bulwark.admin.support.ProjectionProcessors;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
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

    /**
     * Reads the recorded messages into memory in the background once the application is ready
     * (ADR 0038), so the first preview is as quick as the next ones. A failure is only logged: the
     * first preview then reads them itself.
     */
    @Bean
    @ConditionalOnProperty(name = "bulwark.history.preview-warm-up", havingValue = "true", matchIfMissing = true)
    public ApplicationListener<ApplicationReadyEvent> rulePreviewWarmUp(RulePreviews previews) {
        return event -> Thread.ofVirtual().name("rule-preview-warm-up").start(() -> {
            try {
                previews.warmUp();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(RulePreviewConfiguration.class)
                        .info("rule preview not warmed up ({}); the first preview reads the recorded messages", e.toString());
            }
        });
    }

    @Bean
    public ConfigurerModule rulePreviewEventProcessor(
            org.springframework.beans.factory.ObjectProvider<PreviewInputsProjection> projection) {
        return configurer -> configurer.eventProcessing(processing -> ProjectionProcessors.flushPerBatch(processing
                .registerTrackingEventProcessor(PreviewInputsProjection.PROCESSING_GROUP, ProjectionProcessors.lingering(),
                        ProjectionProcessors.batched()), PreviewInputsProjection.PROCESSING_GROUP,
                projection::getObject));
    }
}
