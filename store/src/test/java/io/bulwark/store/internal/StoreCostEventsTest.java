package io.bulwark.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.bulwark.store.StoreConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flight events behind docs/benchmarks.md "Store cost per message", on the real embedded store:
 * a query on {@code _id} compares one document, a filter no unique index serves compares every
 * document of the collection, a token-store update is named by its processor, and a commit counts
 * the bytes of the documents it encoded.
 */
class StoreCostEventsTest {

    @TempDir
    Path dir;

    @Test
    void queriesCountTheDocumentsTheyCompareAndCommitsTheBytesTheyEncode() throws Exception {
        List<RecordedEvent> events;
        try (StoreConnection connection = StoreConnection.embedded(dir.resolve("bulwark.mv"),
                StoreConnection.EmbeddedOptions.defaults().withFsync(false).withCommandEvents(true))) {
            MongoCollection<Document> docs = connection.client().getDatabase("cost").getCollection("docs");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                batch.add(new Document("_id", "d-" + i).append("kind", i % 2 == 0 ? "even" : "odd")
                        .append("text", "x".repeat(100)));
            }
            docs.insertMany(batch);
            connection.durabilityBarrier().commit();

            try (Recording recording = new Recording()) {
                recording.enable("io.bulwark.StoreQuery");
                recording.enable("io.bulwark.StoreEncode");
                recording.enable("io.bulwark.StoreCommand");
                recording.start();
                docs.find(Filters.eq("_id", "d-7")).first();
                docs.find(Filters.eq("kind", "odd")).into(new ArrayList<>());
                docs.updateOne(Filters.eq("_id", "d-3"), new Document("$set", new Document("kind", "changed")));
                connection.client().getDatabase("cost").getCollection("trackingtokens").updateOne(
                        Filters.and(Filters.eq("processorName", "queue-view"), Filters.eq("segment", 0)),
                        new Document("$set", new Document("token", "t")));
                connection.durabilityBarrier().commit();
                recording.stop();
                Path file = dir.resolve("cost.jfr");
                recording.dump(file);
                events = RecordingFile.readAllEvents(file);
            }
        }

        List<Integer> examined = events.stream().filter(e -> e.getEventType().getName().equals("io.bulwark.StoreQuery"))
                .filter(e -> e.getString("collection").equals("docs")).map(e -> e.getInt("examined")).toList();
        // by _id: one; by a field without a unique index: all 40; the update by _id: one
        assertThat(examined).containsExactlyInAnyOrder(1, 40, 1);

        Map<String, Long> encoded = events.stream().filter(e -> e.getEventType().getName().equals("io.bulwark.StoreEncode"))
                .collect(Collectors.groupingBy(e -> e.getString("collection"), Collectors.summingLong(e -> e.getInt("bytes"))));
        // the changed document at least, re-encoded with the neighbours on its page
        assertThat(encoded.getOrDefault("docs", 0L)).isGreaterThan(100L);

        List<String> shapes = events.stream().filter(e -> e.getEventType().getName().equals("io.bulwark.StoreCommand"))
                .map(e -> e.getString("command") + " " + e.getString("collection") + " " + e.getString("shape")).toList();
        assertThat(shapes).contains("find docs _id", "find docs kind", "update docs _id",
                "update trackingtokens $and queue-view");
    }

    /** Without the option no listener is registered, so a recording sees no command events. */
    @Test
    void commandEventsAreOffUnlessAskedFor() throws Exception {
        List<RecordedEvent> events;
        try (StoreConnection connection = StoreConnection.embedded(dir.resolve("quiet.mv"), false)) {
            MongoCollection<Document> docs = connection.client().getDatabase("cost").getCollection("docs");
            try (Recording recording = new Recording()) {
                recording.enable("io.bulwark.StoreCommand");
                recording.enable("io.bulwark.StoreQuery");
                recording.start();
                docs.insertOne(new Document("_id", "d-1").append("kind", "odd"));
                docs.find(Filters.eq("_id", "d-1")).first();
                recording.stop();
                Path file = dir.resolve("quiet.jfr");
                recording.dump(file);
                events = RecordingFile.readAllEvents(file);
            }
        }
        assertThat(events).extracting(e -> e.getEventType().getName())
                .as("the store's own query events still come").contains("io.bulwark.StoreQuery")
                .doesNotContain("io.bulwark.StoreCommand");
    }
}
