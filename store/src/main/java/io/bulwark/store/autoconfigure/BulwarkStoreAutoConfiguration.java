package io.bulwark.store.autoconfigure;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.bulwark.store.DurabilityBarrier;
import io.bulwark.store.EventAppender;
import io.bulwark.store.EventLog;
import io.bulwark.store.MongoEventAppender;
import io.bulwark.store.MongoEventStorageEngine;
import io.bulwark.store.SignallingEventStore;
import io.bulwark.store.StoreConnection;
import io.bulwark.store.serialization.EventRevisionResolver;
import io.bulwark.store.serialization.StoreSerializers;
import io.bulwark.store.upcasting.AdminLoginUpcaster;
import io.bulwark.store.upcasting.RuleEventsUpcaster;
import java.nio.file.Path;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Wires the event store: connection (embedded or {@code spring.data.mongodb.uri}), Jackson
 * serializers for Axon, the storage engine, the event store, the token store, the appender and the
 * event log.
 *
 * <p>Runs before Axon's and Spring Boot's Mongo auto-configurations so that their
 * {@code @ConditionalOnMissingBean} defaults (XStream serializer, plain EmbeddedEventStore,
 * in-memory token store, a second MongoClient) back off. Every bean here backs off in turn if the
 * application defines its own.
 *
 * <p>Shutdown order follows the dependencies: appender (drains its queue), engine (gives back
 * reserved indexes), then the connection (client, server, MVStore commit and close).
 */
@AutoConfiguration(beforeName = {
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration",
        "org.axonframework.springboot.autoconfig.InfraConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration",
        "org.axonframework.springboot.autoconfig.XStreamAutoConfiguration",
        "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration",
        "org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration"})
@EnableConfigurationProperties(BulwarkStoreProperties.class)
public class BulwarkStoreAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public StoreConnection bulwarkStoreConnection(Environment environment, BulwarkStoreProperties properties) {
        String uri = environment.getProperty("spring.data.mongodb.uri");
        if (uri != null && !uri.isBlank()) {
            return StoreConnection.remote(uri, properties.isCommandEvents());
        }
        String file = properties.getEmbedded().getFile();
        Path path = file != null && !file.isBlank() ? Path.of(file)
                : Path.of(environment.getProperty("bulwark.data-dir", "./data"), "store", "bulwark.mv");
        BulwarkStoreProperties.Embedded embedded = properties.getEmbedded();
        return StoreConnection.embedded(path, new StoreConnection.EmbeddedOptions(embedded.isFsync(),
                embedded.getCacheSizeMb(), embedded.isFullIndexCheck(), properties.isCommandEvents()));
    }

    /** Owned by the connection, which closes it; hence no destroy method here. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public MongoClient mongoClient(StoreConnection connection) {
        return connection.client();
    }

    @Bean
    @ConditionalOnMissingBean
    public MongoDatabase bulwarkMongoDatabase(MongoClient client, BulwarkStoreProperties properties) {
        return client.getDatabase(properties.getDatabase());
    }

    @Bean
    @ConditionalOnMissingBean
    public DurabilityBarrier durabilityBarrier(StoreConnection connection) {
        return connection.durabilityBarrier();
    }

    @Bean
    @ConditionalOnMissingBean
    public RevisionResolver revisionResolver() {
        return new EventRevisionResolver();
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "serializer")
    public Serializer serializer() {
        return StoreSerializers.jacksonSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    @ConditionalOnMissingBean(name = "messageSerializer")
    public Serializer messageSerializer() {
        return StoreSerializers.jacksonSerializer();
    }

    /**
     * The events' serializer. With {@code bulwark.history.personal-data-encryption=true} it stores
     * {@code @PersonalData} values encrypted per data subject (ADR 0029), keys sealed by the master
     * key in {@code history_subject_keys}; every node writing or reading events needs the setting.
     */
    @Bean
    @Qualifier("eventSerializer")
    @ConditionalOnMissingBean(name = "eventSerializer")
    public Serializer eventSerializer(Environment environment,
            org.springframework.beans.factory.ObjectProvider<io.bulwark.store.privacy.PersonalDataCodec> codec) {
        return StoreSerializers.jacksonSerializer(codec.getIfAvailable(() -> io.bulwark.store.privacy.PersonalDataCodec.NONE));
    }

    /** The personal-data codec, when encryption is on (ADR 0029). */
    @Bean
    @ConditionalOnMissingBean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
            name = "bulwark.history.personal-data-encryption", havingValue = "true")
    public io.bulwark.store.privacy.SubjectSealing bulwarkPersonalDataCodec(
            io.bulwark.store.privacy.SubjectKeys keys) {
        return new io.bulwark.store.privacy.SubjectSealing(keys);
    }

    /** The data subjects' keys, sealed by the master key, when personal-data encryption is on. */
    @Bean
    @ConditionalOnMissingBean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
            name = "bulwark.history.personal-data-encryption", havingValue = "true")
    public io.bulwark.store.privacy.SubjectKeys bulwarkSubjectKeys(Environment environment, MongoDatabase database)
            throws java.io.IOException {
        return new io.bulwark.store.privacy.SubjectKeys(database,
                io.bulwark.store.secrets.MasterKeyProvisioning.load(environment, database));
    }

    /** Rule events revision 1 to 2 (defaults frozen); picked up with every other upcaster bean below. */
    @Bean
    @ConditionalOnMissingBean
    public RuleEventsUpcaster ruleEventsUpcaster() {
        return new RuleEventsUpcaster();
    }

    /** Admin login events revision 1 to 2 (no typed text for unknown accounts from revision 2 on). */
    @Bean
    @ConditionalOnMissingBean
    public AdminLoginUpcaster adminLoginUpcaster() {
        return new AdminLoginUpcaster();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(EventStorageEngine.class)
    public MongoEventStorageEngine eventStorageEngine(MongoDatabase database, DurabilityBarrier barrier,
            @Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer,
            ObjectProvider<EventUpcaster> upcasters, BulwarkStoreProperties properties) {
        return MongoEventStorageEngine.builder()
                .database(database)
                .durabilityBarrier(barrier)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .batchSize(properties.getBatchSize())
                .blockSize(properties.getIndexBlockSize())
                .blockLease(properties.getIndexBlockLease())
                .gapTimeout(properties.getGapTimeout())
                .gapHold(properties.getGapHold())
                .maxGapOffset(properties.getMaxGapOffset())
                .lookAheadWindow(properties.getLookAheadWindow())
                .payloadFormat(properties.getPayloadFormat())
                .build();
    }

    /** Axon's EmbeddedEventStore, built as Axon's auto-configuration does, plus the appender's wake-up. */
    @Bean
    @Qualifier("eventStore")
    @ConditionalOnMissingBean(EventBus.class)
    public SignallingEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
            BulwarkStoreProperties properties) {
        return SignallingEventStore.create(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.getFetchDelay().toMillis())
                .cachedEvents(properties.getCachedEvents()), properties.getProcessorLinger());
    }

    /**
     * Axon's Mongo token store, behind {@link io.bulwark.store.CoalescingTokenStore}: tokens of batches
     * that only passed over ignored events are written at most once per
     * {@code bulwark.store.token-write-interval} (ADR 0039).
     */
    @Bean
    @ConditionalOnMissingBean
    public TokenStore tokenStore(MongoClient client, BulwarkStoreProperties properties, Serializer serializer) {
        return new io.bulwark.store.CoalescingTokenStore(MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(client, properties.getDatabase())
                        .build())
                .serializer(serializer)
                .build(), properties.getTokenWriteInterval(), properties.getClaimExtensionInterval());
    }

    /** Wakes of the tracking processors by the appender, merged per {@code bulwark.store.signal-window}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public io.bulwark.store.CoalescingSignal appendedEventsSignal(ObjectProvider<SignallingEventStore> eventStore,
            BulwarkStoreProperties properties) {
        return new io.bulwark.store.CoalescingSignal(
                () -> eventStore.ifAvailable(SignallingEventStore::signalNewEvents), properties.getSignalWindow());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(EventAppender.class)
    public MongoEventAppender eventAppender(MongoEventStorageEngine engine,
            io.bulwark.store.CoalescingSignal signal, BulwarkStoreProperties properties) {
        return new MongoEventAppender(engine, signal, properties.getAppender().getCapacity(),
                properties.getAppender().getMaxBatch(), properties.getAppender().getLinger()).start();
    }

    @Bean
    @ConditionalOnMissingBean(EventLog.class)
    public EventLog eventLog(MongoEventStorageEngine engine) {
        return engine.eventLog();
    }
}
