package io.bulwark.admin.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write-behind of the mail-path projections, counted in write commands that reach the store:
 * one bulk write per processor batch however many events touch a document, none for a document
 * created and removed within the batch, and the same end state as writing through.
 */
class BatchedDocumentsTest {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete");
    private static final String GROUP = "batched-test";

    /** A test event: set {@code value} on document {@code id}, or remove it when value is null. */
    public record Touch(String id, String value) {
    }

    /** A projection in the shape of the queue view: read, change, replace or delete per event. */
    @ProcessingGroup(GROUP)
    static final class Projection implements BatchedProjection {
        final BatchedDocuments documents;

        Projection(MongoCollection<Document> collection) {
            this.documents = new BatchedDocuments(collection);
        }

        /** Reading a batch's documents ahead, by the id its events name. */
        Projection(MongoCollection<Document> collection, boolean readAhead) {
            this.documents = new BatchedDocuments(collection,
                    readAhead ? event -> event.getPayload() instanceof Touch t ? t.id() : null : null);
        }

        @EventHandler
        void on(Touch touch) {
            Document doc = documents.find(touch.id());
            if (touch.value() == null) {
                if (doc != null) {
                    documents.delete(touch.id());
                }
                return;
            }
            Document next = doc == null ? new Document("_id", touch.id()).append("touches", 0) : doc;
            next.put("value", touch.value());
            next.put("touches", next.getInteger("touches") + 1);
            documents.replace(next);
        }

        @Override
        public BatchedDocuments documents() {
            return documents;
        }
    }

    private CountedBatches mongo;
    private MongoCollection<Document> collection;

    @BeforeEach
    void start() {
        mongo = new CountedBatches();
        collection = mongo.client().getDatabase("test").getCollection("docs");
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    /** The names of the commands started so far. */
    private List<String> commands() {
        return mongo.commands.stream().map(c -> c.substring(0, c.indexOf(' '))).toList();
    }

    @Test
    void oneBatchOfEventsIsOneBulkWriteAndADocumentCreatedAndRemovedInItIsNeverWritten() {
        collection.insertOne(new Document("_id", "old").append("value", "before").append("touches", 1));
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(GenericEventMessage.asEventMessage(new Touch("a", "a" + i)));
        }
        events.add(GenericEventMessage.asEventMessage(new Touch("passing", "x")));
        events.add(GenericEventMessage.asEventMessage(new Touch("passing", null)));
        events.add(GenericEventMessage.asEventMessage(new Touch("old", null)));

        Projection projection = new Projection(collection);
        handleAsOneBatch(projection, events);

        assertThat(collection.find(new Document("_id", "a")).first())
                .containsEntry("value", "a4").containsEntry("touches", 5);
        assertThat(collection.find(new Document("_id", "passing")).first()).isNull();
        assertThat(collection.find(new Document("_id", "old")).first()).isNull();
        // one "update" carrying every replace of the batch, one "delete" for the stored document
        assertThat(commands().stream().filter(WRITES::contains).toList()).containsExactly("insert", "update", "delete");
    }

    @Test
    void withAKeyFunctionTheBatchReadsItsDocumentsInOneQueryWithTheSameEndState() {
        collection.insertOne(new Document("_id", "old").append("value", "before").append("touches", 1));
        collection.insertOne(new Document("_id", "kept").append("value", "before").append("touches", 1));
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(GenericEventMessage.asEventMessage(new Touch("a", "a" + i)));
            events.add(GenericEventMessage.asEventMessage(new Touch("kept", "k" + i)));
        }
        events.add(GenericEventMessage.asEventMessage(new Touch("passing", "x")));
        events.add(GenericEventMessage.asEventMessage(new Touch("passing", null)));
        events.add(GenericEventMessage.asEventMessage(new Touch("old", null)));
        int before = mongo.commands.size();

        Projection projection = new Projection(collection, true);
        handleAsOneBatch(projection, events);

        assertThat(collection.find(new Document("_id", "a")).first())
                .containsEntry("value", "a2").containsEntry("touches", 3);
        assertThat(collection.find(new Document("_id", "kept")).first())
                .containsEntry("value", "k2").containsEntry("touches", 4);
        assertThat(collection.find(new Document("_id", "passing")).first()).isNull();
        assertThat(collection.find(new Document("_id", "old")).first()).isNull();
        // the four documents of the batch were read by one find (the others are the assertions' own)
        List<String> run = commands().subList(before, commands().size());
        assertThat(run.subList(0, run.indexOf("update")).stream().filter("find"::equals)).hasSize(1);
    }

    @Test
    void withoutABatchEveryChangeIsWrittenAtOnce() {
        Projection projection = new Projection(collection);
        projection.on(new Touch("a", "1"));
        projection.on(new Touch("a", "2"));
        projection.on(new Touch("a", null));

        assertThat(collection.find(new Document("_id", "a")).first()).isNull();
        assertThat(commands().stream().filter(WRITES::contains).toList()).containsExactly("update", "update", "delete");
    }

    /** Runs the events through the projection's tracking processor, as one batch, until all are handled. */
    private static void handleAsOneBatch(Projection projection, List<EventMessage<?>> events) {
        CountedBatches.handleInBatches(GROUP, () -> projection, events);
    }
}
