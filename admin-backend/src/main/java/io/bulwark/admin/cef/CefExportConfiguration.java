package io.bulwark.admin.cef;

import io.bulwark.admin.cef.mapping.StandardCefMappings;
import io.bulwark.admin.cef.syslog.SyslogConnections;
import io.bulwark.admin.support.ProjectionProcessors;
import java.nio.file.Path;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the CEF export: settings (properties, then the {@link CefExport} aggregate's events), the
 * exporter and its tracking processor.
 *
 * <p>The processor: its own group {@value CefExporter#PROCESSING_GROUP}, its token in the node's token
 * store (MongoDB in the appliance, shared by the nodes, so exactly one node exports and a restart
 * resumes), batches of {@value #BATCH_SIZE}, the first token at the head of the stream (a new
 * installation does not send its history), and a <em>propagating</em> listener error handler: a send
 * failure must roll the batch back instead of being logged and skipped, which is Axon's default.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CefExportProperties.class)
public class CefExportConfiguration {
    static final int BATCH_SIZE = 100;

    @Bean
    public CefSettingsSource cefSettingsSource(EventStore eventStore, CefExportProperties properties) {
        return new CefSettingsSource(eventStore, properties, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    public CefExportHealth cefExportHealth(EventGateway events, @Value("${bulwark.node-id:${HOSTNAME:node}}") String nodeId) {
        return new CefExportHealth(events::publish, nodeId, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    public CefExporter cefExporter(CefSettingsSource settings, CefExportProperties properties, CefExportHealth health,
            @Value("${bulwark.node-id:${HOSTNAME:node}}") String nodeId) {
        String caFile = properties.tls().caFile();
        return new CefExporter(StandardCefMappings.table(), new CefFormatter(deviceVersion()), settings,
                new SyslogConnections(caFile == null || caFile.isBlank() ? null : Path.of(caFile)), health, nodeId);
    }

    @Bean
    public CefExportAdministration cefExportAdministration(CommandGateway commands, CefSettingsSource settings,
            CefExportHealth health) {
        return new CefExportAdministration(commands, settings, health);
    }

    @Bean
    public ConfigurerModule cefExportProcessor() {
        return configurer -> configurer.eventProcessing(CefExportConfiguration::registerProcessor);
    }

    /** The exporter's processor, as described above (also used by the tests' own Axon configurations). */
    public static EventProcessingConfigurer registerProcessor(EventProcessingConfigurer processing) {
        return processing
                .registerTrackingEventProcessor(CefExporter.PROCESSING_GROUP, ProjectionProcessors.lingering(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(BATCH_SIZE)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerListenerInvocationErrorHandler(CefExporter.PROCESSING_GROUP,
                        axon -> PropagatingErrorHandler.instance());
    }

    /** Device Version: the build's version (from the jar's manifest), "dev" when run from classes. */
    static String deviceVersion() {
        String version = CefExportConfiguration.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
