package io.bulwark.gateway.antivirus;

import io.bulwark.gateway.GatewayProperties;
import io.bulwark.gateway.scan.AntivirusEngines;
import io.bulwark.scan.antivirus.signatures.SignatureEngine;
import io.bulwark.store.EventAppender;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires signature updates on a gateway node (found by the component scan of {@code io.bulwark};
 * gateway test contexts import it explicitly): {@link AntivirusUpdates} when the built-in engine is
 * configured ({@code bulwark.antivirus.database-dir}), with a mirror when
 * {@code bulwark.antivirus.update.mirror-url} is set; the first update runs once the node is
 * ready. The {@link UpdatePermit} is a bean of that type when one exists (licensing), otherwise
 * {@link UpdatePermit#ALLOWED}.
 */
@Configuration(proxyBeanMethods = false)
public class AntivirusUpdateConfiguration {

    /** Holds this node's updates, if it has a built-in engine (a bean cannot be null). */
    public record NodeUpdates(Optional<AntivirusUpdates> updates) implements AutoCloseable {
        @Override
        public void close() {
            updates.ifPresent(AntivirusUpdates::close);
        }
    }

    @Bean(destroyMethod = "close")
    NodeUpdates bulwarkAntivirusUpdates(GatewayProperties properties, AntivirusEngines engines,
            EventAppender appender, ObjectProvider<UpdatePermit> permit) throws NoSuchAlgorithmException {
        Optional<SignatureEngine> engine = engines.signatures();
        if (engine.isEmpty()) {
            return new NodeUpdates(Optional.empty());
        }
        GatewayProperties.Antivirus av = properties.antivirus();
        GatewayProperties.Update u = av.update();
        SignatureUpdater updater = u.mirrorUrl() == null ? null
                : new SignatureUpdater(av.databaseDir(), DatabaseMirror.of(u.mirrorUrl(), SSLContext.getDefault(),
                        u.timeout()), u.databases(), av.containerKey(), u.maxDownloadSize().toBytes());
        return new NodeUpdates(Optional.of(new AntivirusUpdates(properties.nodeId(), engine.get(), updater,
                permit.getIfAvailable(() -> UpdatePermit.ALLOWED), appender, Clock.systemUTC(), u.maxAge())));
    }

    @Bean
    AntivirusUpdateEventHandler bulwarkAntivirusUpdateEventHandler(GatewayProperties properties, NodeUpdates updates) {
        return new AntivirusUpdateEventHandler(properties.nodeId(), updates.updates().orElse(null));
    }

    @Bean
    ConfigurerModule bulwarkAntivirusUpdateProcessor(GatewayProperties properties) {
        String processor = AntivirusUpdateEventHandler.processorName(properties.nodeId());
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(processor, axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(source -> source.createHeadToken()))
                .assignProcessingGroup(AntivirusUpdateEventHandler.PROCESSING_GROUP, processor));
    }

    /** The first update (or, without a mirror, the first report of the databases) once the node is up. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> bulwarkAntivirusUpdateStart(GatewayProperties properties,
            NodeUpdates updates) {
        return ready -> updates.updates().ifPresent(u -> u.start(properties.antivirus().update().interval()));
    }
}
