package io.bulwark.store;

import com.mongodb.client.MongoDatabase;
import io.bulwark.store.serialization.StoreSerializers;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;

/** Builds the store the way the Spring configuration does, for tests without Spring. */
final class StoreHarness implements AutoCloseable {

    final StoreConnection connection;
    final MongoDatabase database;
    final MongoEventStorageEngine engine;
    final SignallingEventStore eventStore;
    final MongoEventAppender appender;
    final TokenStore tokenStore;
    private final boolean ownsConnection;

    private StoreHarness(StoreConnection connection, String databaseName, boolean ownsConnection,
            Consumer<MongoEventStorageEngine.Builder> customizer) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.database = connection.client().getDatabase(databaseName);
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder()
                .database(database)
                .durabilityBarrier(connection.durabilityBarrier());
        customizer.accept(builder);
        this.engine = builder.build();
        this.eventStore = SignallingEventStore.create(EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(1000));
        this.appender = new MongoEventAppender(engine, eventStore::signalNewEvents, 2_000, 500).start();
        this.tokenStore = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(connection.client(), databaseName).build())
                .serializer(StoreSerializers.jacksonSerializer())
                .build();
    }

    static StoreHarness embedded(Path file) {
        return embedded(file, b -> { });
    }

    static StoreHarness embedded(Path file, Consumer<MongoEventStorageEngine.Builder> customizer) {
        return new StoreHarness(StoreConnection.embedded(file, false), "bulwark", true, customizer);
    }

    static StoreHarness on(StoreConnection connection, String databaseName,
            Consumer<MongoEventStorageEngine.Builder> customizer) {
        return new StoreHarness(connection, databaseName, false, customizer);
    }

    EventLog eventLog() {
        return engine.eventLog();
    }

    @Override
    public void close() {
        appender.close();
        eventStore.shutDown();
        engine.close();
        if (ownsConnection) {
            connection.close();
        }
    }
}
