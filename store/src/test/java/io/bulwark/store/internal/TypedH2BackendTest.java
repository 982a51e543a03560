package io.bulwark.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.bulwark.store.Concurrently;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypedH2BackendTest {

    @TempDir
    Path dir;

    private void withServer(Function<MVStore, MongoBackend> backend, Consumer<MongoCollection<Document>> work) {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("s.mv").toString()).open();
        MongoServer server = new MongoServer(backend.apply(store));
        try {
            var address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                work.accept(client.getDatabase("db").getCollection("c"));
            }
        } finally {
            server.shutdownNow();
            store.close();
        }
    }

    private long fileSize() {
        try {
            return java.nio.file.Files.size(dir.resolve("s.mv"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> names(int n) {
        return LongStream.range(0, n).mapToObj(i -> "key-" + i).toList();
    }

    @Test
    void uniqueIndexesAnswerPointAndInLookupsAndRefuseDuplicates() {
        withServer(TypedH2Backend::new, c -> {
            c.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            List<Document> docs = new ArrayList<>();
            for (String k : names(300)) {
                docs.add(new Document("_id", (long) docs.size()).append("k", k));
            }
            c.insertMany(docs);

            assertThat(c.find(Filters.eq("k", "key-123")).first()).containsEntry("_id", 123L);
            assertThat(c.find(Filters.in("_id", List.of(5L, 7L, 400L))).into(new ArrayList<>())).hasSize(2);
            assertThat(c.find(Filters.in("k", List.of("key-1", "key-299", "nope"))).into(new ArrayList<>()))
                    .extracting(d -> d.get("_id")).containsExactlyInAnyOrder(1L, 299L);
            assertThatThrownBy(() -> c.insertOne(new Document("_id", 1000L).append("k", "key-7")))
                    .isInstanceOf(MongoWriteException.class)
                    .satisfies(e -> assertThat(((MongoWriteException) e).getCode()).isEqualTo(11000));
            // MongoDB's value order: 5 and 5.0 are the same key
            assertThatThrownBy(() -> c.insertOne(new Document("_id", 5.0).append("k", "other")))
                    .isInstanceOf(MongoWriteException.class);
        });
    }

    @Test
    void aStoreWrittenWithTheLibraryBackendIsMovedToTheNewIndexesOnceAndKeepsItsConstraints() {
        withServer(H2Backend::new, c -> {
            c.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            for (String k : names(200)) {
                c.insertOne(new Document("k", k));
            }
        });
        withServer(TypedH2Backend::new, c -> {
            assertThat(c.countDocuments()).isEqualTo(200);
            assertThat(c.find(Filters.eq("k", "key-42")).first()).isNotNull();
            assertThatThrownBy(() -> c.insertOne(new Document("k", "key-42"))).isInstanceOf(MongoWriteException.class);
            c.insertOne(new Document("k", "key-new"));
        });
        MVStore store = new MVStore.Builder().fileName(dir.resolve("s.mv").toString()).open();
        try {
            assertThat(store.getMapNames()).noneMatch(n -> n.contains("._index_"))
                    .anyMatch(n -> n.endsWith("._kv_index_k_1"))
                    .contains("databases.db.c$bson")
                    .doesNotContain("databases.db.c");
        } finally {
            store.close();
        }
        // and the moved indexes persist
        withServer(TypedH2Backend::new, c -> {
            assertThat(c.find(Filters.eq("k", "key-new")).first()).isNotNull();
            assertThatThrownBy(() -> c.insertOne(new Document("k", "key-new"))).isInstanceOf(MongoWriteException.class);
        });
    }

    @Test
    void keysCompareElementByElementInMongoOrder() {
        var type = TypedH2Backend.KeyValueType.INSTANCE;
        var a = new de.bwaldvogel.mongo.backend.KeyValue("a", 1L);
        var b = new de.bwaldvogel.mongo.backend.KeyValue("a", 2L);
        var prefix = new de.bwaldvogel.mongo.backend.KeyValue("a");
        assertThat(type.compare(a, b)).isNegative();
        assertThat(type.compare(b, a)).isPositive();
        assertThat(type.compare(prefix, a)).isNegative();
        assertThat(type.compare(a, new de.bwaldvogel.mongo.backend.KeyValue("a", 1L))).isZero();
        // numbers sort before strings in MongoDB's order
        assertThat(type.compare(new de.bwaldvogel.mongo.backend.KeyValue(99L),
                new de.bwaldvogel.mongo.backend.KeyValue("0"))).isNegative();
    }

    @Test
    void keysSurviveTheirStoredFormWithEveryKindOfValue() {
        var type = TypedH2Backend.KeyValueType.INSTANCE;
        var key = new de.bwaldvogel.mongo.backend.KeyValue("ünïcode ✓", 1L << 40, -7, 2.5, true, false, null,
                de.bwaldvogel.mongo.backend.Missing.getInstance(), new de.bwaldvogel.mongo.bson.Document("a", 1));
        var buffer = new org.h2.mvstore.WriteBuffer();
        type.write(buffer, key);
        var read = type.read(buffer.getBuffer().flip());
        assertThat(read).isEqualTo(key);
        assertThat(type.compare(read, key)).isZero();
    }

    @Test
    void documentsOfEveryBsonTypeComeBackUnchangedAfterAReopen() {
        Document rich = new Document("_id", new org.bson.types.ObjectId())
                .append("text", "ünïcode ✓").append("int", 7).append("long", 1L << 40).append("double", 2.5)
                .append("flag", true).append("none", null).append("when", new java.util.Date(1_700_000_000_123L))
                .append("bytes", new org.bson.types.Binary(new byte[] {0, 1, 2, (byte) 255}))
                .append("decimal", new org.bson.types.Decimal128(new java.math.BigDecimal("12.3400")))
                .append("nested", new Document("a", List.of(1, "two", new Document("three", 3.0))))
                .append("list", List.of(List.of(1, 2), List.of()));
        withServer(TypedH2Backend::new, c -> c.insertOne(rich));
        withServer(TypedH2Backend::new, c -> {
            Document back = c.find(Filters.eq("_id", rich.get("_id"))).first();
            assertThat(back).isEqualTo(rich);
            assertThat(back.keySet()).containsExactlyElementsOf(rich.keySet());
        });
    }

    @Test
    void droppingACollectionRemovesItsDocumentsAndIndexes() {
        withServer(TypedH2Backend::new, c -> {
            c.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            c.insertOne(new Document("k", "v"));
            c.drop();
            assertThat(c.countDocuments()).isZero();
            c.insertOne(new Document("k", "v"));
            assertThat(c.countDocuments()).isEqualTo(1);
        });
        MVStore store = new MVStore.Builder().fileName(dir.resolve("s.mv").toString()).open();
        try {
            assertThat(store.getMapNames()).noneMatch(n -> n.contains("._kv_index_k_1"));
        } finally {
            store.close();
        }
    }

    /**
     * Binary values count with their size in a page's memory, so large ones do not share a leaf
     * page: adding one document to a collection of large binaries writes about that document, not
     * every binary on its page again (Backup chunks, issue 19).
     */
    @Test
    void aCommitAfterAddingOneLargeBinaryWritesAboutThatBinary() {
        int documents = 40;
        int size = 16 * 1024;
        MVStore[] opened = new MVStore[1];
        withServer(store -> {
            opened[0] = store;
            return new TypedH2Backend(store);
        }, c -> {
            c.insertOne(new Document("_id", "warm-up"));
            opened[0].commit();
            long before = fileSize();
            for (int i = 0; i < documents; i++) {
                byte[] data = new byte[size];
                java.util.Arrays.fill(data, (byte) i);
                c.insertOne(new Document("_id", "chunk-" + i).append("data", new org.bson.types.Binary(data)));
                opened[0].commit();
            }
            long written = fileSize() - before;
            // each binary written once, plus the pages above it and the chunk headers; before the
            // fix the leaf kept all of them and the file got about documents / 2 times as much
            assertThat(written).isBetween((long) documents * size, 3L * documents * size);
        });
    }
    /**
     * MongoDB makes a single-document update atomic, and so must the embedded store: the Backup
     * store and the global index allocator number their writes with {@code findOneAndUpdate} +
     * {@code $inc}. The library applies the update under the collection's lock but answered with the
     * stored document object itself, which the server encodes after the lock is gone; the next update
     * changed that object in place. This test asks the backend directly, without a socket, so it
     * does not depend on timing: an answer already given must not change with the next update.
     */
    @Test
    void anAnswerAlreadyGivenDoesNotChangeWithTheNextUpdate() {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("s.mv").toString()).open();
        try {
            var backend = new TypedH2Backend(store);
            var collection = backend.resolveDatabase("db").createCollectionOrThrowIfExists("c");
            collection.addDocument(new de.bwaldvogel.mongo.bson.Document("_id", "counter").append("next", 0L));
            de.bwaldvogel.mongo.bson.Document increment = new de.bwaldvogel.mongo.bson.Document("query",
                    new de.bwaldvogel.mongo.bson.Document("_id", "counter"))
                    .append("update", new de.bwaldvogel.mongo.bson.Document("$inc",
                            new de.bwaldvogel.mongo.bson.Document("next", 1L)))
                    .append("new", true);

            var first = (de.bwaldvogel.mongo.bson.Document) collection.findAndModify(increment).get("value");
            var second = (de.bwaldvogel.mongo.bson.Document) collection.findAndModify(increment).get("value");

            assertThat(first.get("next")).isEqualTo(1L);
            assertThat(second.get("next")).isEqualTo(2L);
        } finally {
            store.close();
        }
    }

    /**
     * The same over the wire, as the store's counters run it: eight threads of {@code $inc}, every
     * value handed out once (before the fix two of two runs handed some out twice).
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void concurrentIncrementsEachSeeTheirOwnValue() {
        int threads = 8;
        int each = 300;
        withServer(TypedH2Backend::new, c -> {
            c.insertOne(new Document("_id", "counter").append("next", 0L));
            java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicInteger repeated = new java.util.concurrent.atomic.AtomicInteger();
            Concurrently.run(threads, thread -> {
                for (int i = 0; i < each; i++) {
                    Document after = c.findOneAndUpdate(Filters.eq("_id", "counter"),
                            com.mongodb.client.model.Updates.inc("next", 1L),
                            new com.mongodb.client.model.FindOneAndUpdateOptions()
                                    .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
                    if (!seen.add(after.get("next", Number.class).longValue())) {
                        repeated.incrementAndGet();
                    }
                }
            });
            assertThat(repeated).as("values handed out twice").hasValue(0);
            assertThat(seen).hasSize(threads * each);
            assertThat(c.find().first().get("next", Number.class).longValue()).isEqualTo((long) threads * each);
        });
    }

    /** A reader sees a document as one update left it, never half of the next one. */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aReaderNeverSeesHalfAnUpdate() {
        int updates = 3000;
        withServer(TypedH2Backend::new, c -> {
            List<String> fields = names(50);
            Document first = new Document("_id", "pair");
            fields.forEach(f -> first.append(f, 0L));
            c.insertOne(first);
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger torn = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
            Concurrently.run(4, thread -> {
                if (thread == 0) {
                    try {
                        for (long i = 1; i <= updates; i++) {
                            long value = i;
                            c.updateOne(Filters.eq("_id", "pair"), com.mongodb.client.model.Updates.combine(
                                    fields.stream().map(f -> com.mongodb.client.model.Updates.set(f, value)).toList()));
                        }
                    } finally {
                        done.set(true);
                    }
                    return;
                }
                while (!done.get()) {
                    Document d = c.find(Filters.eq("_id", "pair")).first();
                    reads.incrementAndGet();
                    if (fields.stream().map(d::get).distinct().count() != 1) {
                        torn.incrementAndGet();
                    }
                }
            });
            assertThat(c.find().first().get("key-49")).isEqualTo((long) updates);
            assertThat(reads.get()).isGreaterThan(100);
            assertThat(torn).as("reads that saw half an update (before the fix: 3 runs of 3)").hasValue(0);
        });
    }
}
