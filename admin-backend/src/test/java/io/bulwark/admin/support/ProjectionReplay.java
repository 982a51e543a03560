package io.bulwark.admin.support;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

/**
 * Read models behind real tracking processors on an in-memory MongoDB, for the replay tests:
 * feed events, then {@link #rebuild} from zero and compare. One fixture instead of a copy of this
 * set-up in every replay test.
 *
 * <p>A rebuild is judged by its effect, not by Axon's "replaying" flag (whether a replay token still
 * reports replaying at the head depends on how the token at the reset point compares with the last
 * one): a stray document is put into each collection before the reset, and the rebuild has run
 * when the reset handlers removed them and every processor is caught up at the head.
 */
public final class ProjectionReplay implements AutoCloseable {
    private static final String STRAY = "stray";

    private final MongoServer server;
    private final MongoClient client;
    private final MongoDatabase database;
    private final Configuration axon;

    /**
     * @param projections processing group to projection, built on the fixture's database; each is
     *                    registered as event handler and query handler with a tracking processor
     */
    public ProjectionReplay(String databaseName, Function<MongoDatabase, Map<String, Object>> projections) {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase(databaseName);
        Map<String, Object> byGroup = new LinkedHashMap<>(projections.apply(database));
        var configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        configurer.eventProcessing(processing -> register(processing, byGroup));
        byGroup.values().forEach(projection -> configurer.registerQueryHandler(c -> projection));
        axon = configurer.buildConfiguration();
        axon.start();
    }

    private static void register(EventProcessingConfigurer processing, Map<String, Object> byGroup) {
        byGroup.forEach((group, projection) -> {
            processing.registerTrackingEventProcessor(group).registerEventHandler(c -> projection);
            if (projection instanceof BatchedProjection batched) {
                ProjectionProcessors.flushPerBatch(processing, group, () -> batched);
            }
        });
    }

    public MongoDatabase database() {
        return database;
    }

    public Configuration axon() {
        return axon;
    }

    public TrackingEventProcessor processor(String group) {
        return axon.eventProcessingConfiguration().eventProcessor(group, TrackingEventProcessor.class).orElseThrow();
    }

    /** Waits until every named processor is caught up at the head of the event store. */
    public void awaitCaughtUp(String... groups) {
        long head = axon.eventStore().createHeadToken().position().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (String group : groups) {
                Map<Integer, EventTrackerStatus> status = processor(group).processingStatus();
                if (status.isEmpty() || !status.values().stream()
                        .allMatch(s -> s.isCaughtUp() && s.getCurrentPosition().orElse(-1) >= head)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Resets the processors' tokens and waits until they have rebuilt their read models from zero:
     * a stray document in each collection must be gone (the reset handler ran) and every processor
     * caught up at the head.
     */
    public void rebuild(List<String> groups, List<String> collections) {
        collections.forEach(c -> database.getCollection(c).insertOne(new Document("_id", STRAY)));
        for (String group : groups) {
            TrackingEventProcessor processor = processor(group);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> collections.stream()
                .allMatch(c -> database.getCollection(c).find(new Document("_id", STRAY)).first() == null));
        awaitCaughtUp(groups.toArray(String[]::new));
    }

    /** Every document of a collection, ordered by {@code _id}. */
    public List<Document> documents(String collection) {
        return database.getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    @Override
    public void close() {
        axon.shutdown();
        client.close();
        server.shutdownNow();
    }
}
