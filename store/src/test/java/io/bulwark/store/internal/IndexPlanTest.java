package io.bulwark.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filters the library scanned for but a unique index decides (docs/event-store.md, "What the
 * store examines"): each is answered with the documents the library's own backend gives (the
 * same collection on {@link H2Backend}, which scans), and compares only the candidates the index
 * names (counted by the {@code io.bulwark.StoreQuery} flight event, as in the benchmark's profile).
 */
class IndexPlanTest {

    @TempDir
    Path dir;

    /** The shapes of the mail path, and their neighbours that the index must not answer wrongly. */
    private static final List<Query> QUERIES = List.of(
            // Axon's token store: $and of equalities on the compound unique index, with an owner condition
            new Query("token by $and", "tokens", Filters.and(Filters.eq("processorName", "queue-view"),
                    Filters.eq("segment", 0)), null, 0, 1),
            new Query("token by $and with owner", "tokens", Filters.and(Filters.eq("processorName", "audit-log"),
                    Filters.eq("segment", 1), Filters.or(Filters.eq("owner", "node-a"), Filters.eq("owner", null))),
                    null, 0, 1),
            new Query("token by $and, owner differs", "tokens", Filters.and(Filters.eq("processorName", "audit-log"),
                    Filters.eq("segment", 1), Filters.eq("owner", "node-b")), null, 0, 1),
            new Query("token by $and with $eq and a long segment", "tokens", Filters.and(
                    new Document("processorName", new Document("$eq", "cef-export")), Filters.eq("segment", 0L)),
                    null, 0, 1),
            new Query("token by $and, absent", "tokens", Filters.and(Filters.eq("processorName", "nope"),
                    Filters.eq("segment", 0)), null, 0, 1),
            new Query("token by top-level fields in another order", "tokens",
                    new Document("segment", 1).append("processorName", "audit-log"), null, 0, 1),
            // the event log and the tracking reader jumping a hole, the sealer at the head
            new Query("events after a hole", "events", Filters.gt("_id", 120L), Sorts.ascending("_id"), 5, 5),
            new Query("events after the newest", "events", Filters.gt("_id", 500L), Sorts.ascending("_id"), 5, 0),
            new Query("events from, inclusive", "events", Filters.gte("_id", 100), Sorts.ascending("_id"), 3, 3),
            new Query("events in a range", "events", new Document("_id", new Document("$gt", 10L).append("$lte", 14L)), null, 0, 4),
            new Query("events after, no sort", "events", Filters.gt("_id", 295.5), null, 0, 5),
            new Query("events after, sorted descending", "events", Filters.gt("_id", 290L), Sorts.descending("_id"),
                    2, 11),
            new Query("newest event", "events", new Document(), Sorts.descending("_id"), 1, 1),
            new Query("oldest events", "events", new Document(), Sorts.ascending("_id"), 3, 3),
            // still a scan: no unique index decides these
            new Query("events by a field without index", "events", Filters.eq("kind", "odd"), null, 0, -1),
            new Query("events by string range on _id", "events", Filters.gt("_id", "a"), null, 0, -1));

    /** {@code examinedAtMost} -1: not checked (a scan). */
    private record Query(String name, String collection, Bson filter, Bson sort, int limit, int examinedAtMost) {
        List<Document> run(com.mongodb.client.MongoDatabase database) {
            var find = database.getCollection(collection).find(filter);
            if (sort != null) {
                find = find.sort(sort);
            }
            return find.limit(limit).into(new ArrayList<>());
        }
    }

    @Test
    void filtersAUniqueIndexDecidesAreAnsweredAsByAScanAndCompareOnlyTheIndexedCandidates() throws Exception {
        List<List<Document>> expected = new ArrayList<>();
        withServer("scan", H2Backend::new, database -> {
            fill(database);
            QUERIES.forEach(q -> expected.add(q.run(database)));
        });
        List<List<Document>> actual = new ArrayList<>();
        List<RecordedEvent> events = recorded(() -> withServer("typed", TypedH2Backend::new, database -> {
            fill(database);
            QUERIES.forEach(q -> actual.add(q.run(database)));
        }));

        for (int i = 0; i < QUERIES.size(); i++) {
            if (QUERIES.get(i).sort() == null) {
                // MongoDB promises no order without a sort
                assertThat(actual.get(i)).as(QUERIES.get(i).name()).containsExactlyInAnyOrderElementsOf(expected.get(i));
            } else {
                assertThat(actual.get(i)).as(QUERIES.get(i).name()).isEqualTo(expected.get(i));
            }
        }
        // the fill's queries come first; the last QUERIES.size() flight events are the queries above
        List<Integer> examined = events.stream().filter(e -> e.getEventType().getName().equals("io.bulwark.StoreQuery"))
                .map(e -> e.getInt("examined")).toList();
        examined = examined.subList(examined.size() - QUERIES.size(), examined.size());
        for (int i = 0; i < QUERIES.size(); i++) {
            Query query = QUERIES.get(i);
            if (query.examinedAtMost() >= 0) {
                assertThat(examined.get(i)).as(query.name()).isLessThanOrEqualTo(query.examinedAtMost());
            }
        }
        assertThat(examined.get(QUERIES.size() - 2)).as("a field without index scans").isEqualTo(293); // 300 numbers, a hole of 9, two more
    }

    @Test
    void anUpdateByAnAndOfEqualitiesChangesTheOneTokenAndComparesOnlyIt() throws Exception {
        List<RecordedEvent> events = recorded(() -> withServer("typed", TypedH2Backend::new, database -> {
            fill(database);
            MongoCollection<Document> tokens = database.getCollection("tokens");
            tokens.updateOne(Filters.and(Filters.eq("processorName", "audit-log"), Filters.eq("segment", 1),
                    Filters.eq("owner", "node-a")), Updates.set("token", "t-new"));
            // not the owner: nothing changes
            tokens.updateOne(Filters.and(Filters.eq("processorName", "audit-log"), Filters.eq("segment", 1),
                    Filters.eq("owner", "node-b")), Updates.set("token", "stolen"));
            assertThat(tokens.find(Filters.eq("token", "t-new")).into(new ArrayList<>()))
                    .extracting(d -> d.get("processorName")).containsExactly("audit-log");
            assertThat(tokens.countDocuments(Filters.eq("token", "stolen"))).isZero();
        }));
        List<String> updates = events.stream().filter(e -> e.getEventType().getName().equals("io.bulwark.StoreQuery"))
                .filter(e -> e.getString("collection").equals("tokens"))
                .map(e -> e.getString("shape") + " " + e.getInt("examined")).toList();
        assertThat(updates).contains("$and(processorName+segment+owner) 1", "$and(processorName+segment+owner) 1");
    }

    private static void fill(com.mongodb.client.MongoDatabase database) {
        MongoCollection<Document> tokens = database.getCollection("tokens");
        tokens.createIndex(Indexes.ascending("processorName", "segment"), new IndexOptions().unique(true));
        List<Document> list = new ArrayList<>();
        for (String processor : List.of("queue-view", "audit-log", "cef-export", "event-log", "reports")) {
            for (int segment = 0; segment < 3; segment++) {
                list.add(new Document("_id", processor + "/" + segment).append("processorName", processor)
                        .append("segment", segment).append("owner", segment == 1 ? "node-a" : null)
                        .append("token", "t-" + segment));
            }
        }
        tokens.insertMany(list);
        MongoCollection<Document> events = database.getCollection("events");
        List<Document> stored = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            if (i > 120 && i < 130) {
                continue; // a hole, as a crashed writer leaves
            }
            stored.add(new Document("_id", i).append("kind", i % 2 == 0 ? "even" : "odd"));
        }
        stored.add(new Document("_id", "a-string-id").append("kind", "odd"));
        stored.add(new Document("_id", 298.5).append("kind", "double"));
        events.insertMany(stored);
    }

    private void withServer(String name, Function<MVStore, MongoBackend> backend,
            java.util.function.Consumer<com.mongodb.client.MongoDatabase> work) {
        MVStore store = new MVStore.Builder().fileName(dir.resolve(name + ".mv").toString()).open();
        MongoServer server = new MongoServer(backend.apply(store));
        try {
            var address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                work.accept(client.getDatabase("db"));
            }
        } finally {
            server.shutdownNow();
            store.close();
        }
    }

    private List<RecordedEvent> recorded(Runnable work) throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable("io.bulwark.StoreQuery");
            recording.start();
            work.run();
            recording.stop();
            Path file = dir.resolve("plan.jfr");
            recording.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime)).toList();
        }
    }
}
