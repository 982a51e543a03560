package io.bulwark.admin.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.query.FindMessagesQuery;
import io.bulwark.events.query.MessageTrackingView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feeds recorded gateway events through a real tracking processor, then rebuilds the projection
 * from zero (token reset) and checks the documents and query results come out identical.
 */
class MessageTrackingReplayTest {

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private Configuration axon;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("replay-test");
        MessageTrackingProjection projection = new MessageTrackingProjection(database);
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(MessageTrackingProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> projection))
                .registerQueryHandler(c -> projection)
                .buildConfiguration();
        axon.start();
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
        client.close();
        server.shutdownNow();
    }

    @Test
    void rebuildingFromZeroGivesIdenticalResults() {
        Map<String, Long> sequences = new HashMap<>();
        for (MessageEvent event : RecordedMessageEvents.day()) {
            long sequence = sequences.merge(event.queueId(), 1L, Long::sum) - 1;
            axon.eventStore().publish(new GenericDomainEventMessage<>("Message", event.queueId(), sequence, event));
        }
        TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(MessageTrackingProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();
        awaitCaughtUp(processor, false);
        List<Document> documents = documents();
        List<MessageTrackingView> rows = query();
        assertThat(rows).hasSize(5);

        // A stray document proves the rebuild starts from an empty collection (the reset handler).
        database.getCollection(MessageTrackingProjection.COLLECTION).insertOne(new Document("_id", "stray"));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitCaughtUp(processor, true);

        assertThat(documents()).isEqualTo(documents);
        assertThat(query()).isEqualTo(rows);
    }

    private void awaitCaughtUp(TrackingEventProcessor processor, boolean replay) {
        long head = axon.eventStore().createHeadToken().position().orElseThrow();
        // Whether a replay token still reports "replaying" at the head depends on how the gap-aware
        // token at the reset point compares with the final one, so the rebuild is judged by its
        // effect instead: the reset handler removed the stray document and the processor is at the head.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            return !status.isEmpty()
                    && status.values().stream().allMatch(s -> s.isCaughtUp() && s.getCurrentPosition().orElse(-1) >= head)
                    && (!replay || database.getCollection(MessageTrackingProjection.COLLECTION)
                            .find(new Document("_id", "stray")).first() == null);
        });
    }

    private List<Document> documents() {
        return database.getCollection(MessageTrackingProjection.COLLECTION).find()
                .sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private List<MessageTrackingView> query() {
        return axon.queryGateway().query(new FindMessagesQuery(null, null, null, null, null, 1000),
                ResponseTypes.multipleInstancesOf(MessageTrackingView.class)).join();
    }
}
