package io.bulwark.admin.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.bulwark.store.EventLog;
import io.bulwark.store.secrets.MasterKey;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the auditor's history: the chain store, the signing keys (sealed with the same
 * {@link MasterKey} as the TLS and DKIM keys), the sealer and its runner, the verifier, the export,
 * rebuilds and time travel.
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
