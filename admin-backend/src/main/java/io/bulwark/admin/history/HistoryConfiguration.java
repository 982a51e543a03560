package io.bulwark.admin.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.bulwark.admin.history.privacy.DataSubjectCommandHandler;
import io.bulwark.admin.history.retention.HistoryArchiveRunner;
import io.bulwark.admin.history.retention.RetentionPolicy;
import io.bulwark.admin.history.retention.SegmentArchiver;
import io.bulwark.admin.support.BusCalls;
import io.bulwark.store.EventLog;
import io.bulwark.store.privacy.SubjectKeys;
import io.bulwark.store.secrets.MasterKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the auditor's history: the chain store, the signing keys (sealed with the same
 * {@link MasterKey} as the TLS and DKIM keys), the sealer and its runner, the verifier, the export,
 * rebuilds and time travel, and the retention of the history: the archiving of sealed segments (ADR 0029).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HistoryProperties.class)
public class HistoryConfiguration {

    @Bean
    public HistoryStore historyStore(MongoDatabase database) {
        return new HistoryStore(database);
    }

    @Bean
    public SealingKeys historySealingKeys(MongoDatabase database, MasterKey masterKey) {
        return new SealingKeys(database, masterKey);
    }

    @Bean
    public Sealer historySealer(EventLog eventLog, HistoryStore store, SealingKeys keys, HistoryProperties properties) {
        return new Sealer(eventLog, store, keys, Clock.systemUTC(), properties.batchSize(), properties.gapSettle(),
                properties.checkpointEvents(), properties.checkpointInterval());
    }

    @Bean
    @ConditionalOnProperty(name = "bulwark.history.sealer-enabled", havingValue = "true", matchIfMissing = true)
    public HistorySealerRunner historySealerRunner(Sealer sealer, SealingKeys keys, CommandGateway commands,
            HistoryProperties properties) {
        return new HistorySealerRunner(sealer, keys, commands, properties.sealInterval());
    }

    @Bean
    public ChainVerifier historyChainVerifier(EventLog eventLog, HistoryStore store, SealingKeys keys) {
        return new ChainVerifier(eventLog, store, keys);
    }

    @Bean
    public HistoryExport historyExport(EventLog eventLog, HistoryStore store, SealingKeys keys, ObjectMapper mapper) {
        return new HistoryExport(eventLog, store, keys, mapper);
    }

    @Bean
    public RetentionPolicy historyRetentionPolicy(HistoryProperties properties,
            Environment environment) {
        return RetentionPolicy.of(properties.retention(),
                environment.getProperty("bulwark.backup.max-age", Duration.class));
    }

    @Bean
    public SegmentArchiver historySegmentArchiver(EventLog eventLog,
            HistoryStore store, HistoryExport export, MongoDatabase database,
            RetentionPolicy policy, HistoryProperties properties,
            @Value("${bulwark.data-dir:./data}") Path dataDir,
            CommandGateway commands) {
        Path directory = properties.archiveDir() != null ? properties.archiveDir()
                : dataDir.resolve("history-archive");
        // the storage engine's default event collection (MongoEventStorageEngine.Builder)
        return new SegmentArchiver(eventLog, store, export,
                database.getCollection("domain_events"), policy, directory, Clock.systemUTC(),
                command -> BusCalls.await(commands.send(command), "History archive"));
    }

    @Bean
    public io.bulwark.admin.history.retention.HistoryRetention historyRetention(SegmentArchiver archiver,
            HistoryStore store, RetentionPolicy policy) {
        return new io.bulwark.admin.history.retention.HistoryRetention(archiver, store, policy);
    }

    @Bean
    @ConditionalOnProperty(name = "bulwark.history.archive-enabled", havingValue = "true", matchIfMissing = true)
    public HistoryArchiveRunner historyArchiveRunner(
            SegmentArchiver archiver, HistoryProperties properties) {
        return new HistoryArchiveRunner(archiver, properties.archiveInterval());
    }

    @Bean
    public DataSubjectCommandHandler dataSubjectCommandHandler(EventBus eventBus,
            org.springframework.beans.factory.ObjectProvider<SubjectKeys> keys, ProjectionRebuilds rebuilds) {
        return new DataSubjectCommandHandler(eventBus, java.util.Optional.ofNullable(keys.getIfAvailable()), rebuilds);
    }

    @Bean
    public ProjectionRebuilds projectionRebuilds(EventProcessingConfiguration processing) {
        return new ProjectionRebuilds(processing);
    }

    @Bean
    public HistoryCommandHandler historyCommandHandler(EventBus eventBus, SealingKeys keys,
            ProjectionRebuilds rebuilds) {
        return new HistoryCommandHandler(eventBus, keys, rebuilds);
    }

    @Bean
    public ConfigurationHistory configurationHistory(EventStore eventStore) {
        return new ConfigurationHistory(eventStore);
    }
}
