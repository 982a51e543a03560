package io.bulwark.store.autoconfigure;

import com.mongodb.client.MongoDatabase;
import io.bulwark.store.DurabilityBarrier;
import io.bulwark.store.backup.BackupStore;
import java.nio.file.Path;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Wires {@link BackupStore} on the store's database. Separate from
 * {@link BulwarkStoreAutoConfiguration} so that applications which bring their own database bean
 * (tests with an in-memory server) still get Backup: it needs only a {@link MongoDatabase}; the
 * durability barrier and Axon's event bus (for eviction and warning events) are used when present.
 *
 * <p>The disk watched for free space is the embedded store file's directory if
 * {@code bulwark.store.embedded.file} is set, otherwise {@code bulwark.data-dir}.
 */
@AutoConfiguration(after = BulwarkStoreAutoConfiguration.class,
        afterName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties(BulwarkBackupProperties.class)
public class BulwarkBackupAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BulwarkBackupAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(MongoDatabase.class)
    public BackupStore backupStore(MongoDatabase database, ObjectProvider<DurabilityBarrier> barrier,
            ObjectProvider<EventBus> eventBus, BulwarkBackupProperties properties, Environment environment) {
        String embeddedFile = environment.getProperty("bulwark.store.embedded.file");
        Path dataDir = embeddedFile != null && !embeddedFile.isBlank() ? Path.of(embeddedFile).toAbsolutePath().getParent()
                : Path.of(environment.getProperty("bulwark.data-dir", "./data"));
        String nodeId = environment.getProperty("bulwark.node-id", System.getenv().getOrDefault("HOSTNAME", "node"));
        return BackupStore.builder()
                .database(database)
                .durabilityBarrier(barrier.getIfAvailable(DurabilityBarrier::alreadyDurable))
                .events((eventId, payload) -> {
                    EventBus bus = eventBus.getIfAvailable();
                    if (bus == null) {
                        log.warn("No event bus; Backup event not published: {}", payload);
                        return;
                    }
                    bus.publish(new GenericEventMessage<>(eventId, payload, MetaData.emptyInstance(),
                            GenericEventMessage.clock.instant()));
                })
                .maxBytes(properties.getMaxSize().toBytes())
                .maxAge(properties.getMaxAge())
                .warningPercent(properties.getWarningPercent())
                .minFreeDiskBytes(properties.getMinFreeSpace().toBytes())
                .warningInterval(properties.getWarningInterval())
                .maintenanceInterval(properties.getMaintenanceInterval())
                .dataDir(dataDir)
                .nodeId(nodeId)
                .build();
    }
}
