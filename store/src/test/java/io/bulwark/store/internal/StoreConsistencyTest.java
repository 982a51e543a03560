package io.bulwark.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file never holds a document without its index entries: commits wait for
 * commands in flight, a store that does hold such a state (written before the gate) is repaired at
 * open, and a storage migration interrupted by a crash resumes instead of losing what was not copied.
 */
class StoreConsistencyTest {

    @TempDir
    Path dir;

    private MVStore open() {
        return new MVStore.Builder().fileName(dir.resolve("s.mv").toString())
                .autoCommitDisabled().autoCommitBufferSize(0).open();
    }

    private static void serve(TypedH2Backend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        try {
            var address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                work.accept(client.getDatabase("db").getCollection("c"));
            }
        } finally {
            try {
                server.shutdownNow();
            } catch (RuntimeException crashed) {
                // the test closed the store abruptly; the backend cannot commit on shutdown
            }
        }
    }

    private static List<Document> documents(int n) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(new Document("_id", (long) i).append("k", "key-" + i));
        }
        return docs;
    }

    /** Every document found by a full scan is also found by both unique-index lookups. */
    private static void assertEveryDocumentFoundByItsIndexes(MongoCollection<Document> c, int expected) {
        List<Document> all = c.find().into(new ArrayList<>());
        assertThat(all).hasSize(expected);
        for (Document d : all) {
            assertThat(c.find(Filters.in("k", List.of(d.getString("k")))).first()).as("by k: %s", d).isNotNull();
            assertThat(c.find(Filters.in("_id", List.of(d.get("_id")))).first()).as("by _id: %s", d).isNotNull();
        }
    }

    @Test
    void aCommitRequestedWhileACommandIsBetweenDocumentAndIndexWaitsForTheCommand() throws Exception {
        MVStore store = open();
        TypedH2Backend backend = new TypedH2Backend(store);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean();
        AtomicBoolean committed = new AtomicBoolean();
        serve(backend, c -> {
            c.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            c.insertMany(documents(10));
            backend.writeGate().commit(store::commit);
            backend.beforeIndexWrite(() -> {
                if (armed.compareAndSet(true, false)) {
                    inside.countDown();
                    awaitQuietly(release);
                }
            });
            armed.set(true);
            Thread insert = Thread.ofPlatform().start(() -> c.insertOne(new Document("_id", 10L).append("k", "key-10")));
            awaitQuietly(inside);
            // The document is in its map now and its index entries are not.
            Thread commit = Thread.ofPlatform().start(() -> backend.writeGate().commit(() -> {
                store.commit();
                committed.set(true);
            }));
            await().atMost(30, TimeUnit.SECONDS).until(() -> committed.get() || backend.writeGate().commitWaiting());
            release.countDown();
            join(insert);
            join(commit);
            // A crash right after that commit: nothing later reaches the file.
            store.closeImmediately();
        });

        MVStore reopened = open();
        try {
            TypedH2Backend again = new TypedH2Backend(reopened);
            serve(again, c -> assertEveryDocumentFoundByItsIndexes(c, 11));
        } finally {
            reopened.close();
        }
    }

    @Test
    void anIndexMissingEntriesOnDiskIsRebuiltAtOpen() {
        MVStore store = open();
        TypedH2Backend backend = new TypedH2Backend(store);
        serve(backend, c -> {
            c.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            c.insertMany(documents(100));
        });
        store.commit();
        store.close();

        // What a commit in the middle of inserts left on disk before the write gate existed.
        MVStore damaged = open();
        MVMap<KeyValue, Object> index = damaged.openMap("db.c._kv_index_k_1",
                new MVMap.Builder<KeyValue, Object>().keyType(TypedH2Backend.KeyValueType.INSTANCE));
        for (int i : new int[] {3, 50, 99}) {
            assertThat(index.remove(new KeyValue("key-" + i))).isNotNull();
        }
        damaged.commit();
        damaged.close();
        assertThat(io.bulwark.store.StoreConnection.inconsistentIndexes(dir.resolve("s.mv")))
                .singleElement().asString().contains("db.c index k_1");

        MVStore reopened = open();
        try {
            TypedH2Backend again = new TypedH2Backend(reopened);
            assertThat(again.verifyIndexes(false)).singleElement().asString().contains("db.c index k_1");
            assertThat(again.verifyIndexes(true)).isEmpty();
            serve(again, c -> assertEveryDocumentFoundByItsIndexes(c, 100));
        } finally {
            reopened.close();
        }
    }

    @Test
    void aStoreWhoseDocumentsBreakAUniqueIndexIsRefusedWithTheKeyNamed() {
        MVStore store = open();
        serve(new TypedH2Backend(store), c -> {
            c.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            c.insertMany(documents(5));
        });
        store.commit();
        store.close();

        MVStore damaged = open();
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> data = damaged.openMap("databases.db.c$bson",
                new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                        .valueType(TypedH2Backend.BsonDocumentType.INSTANCE));
        data.put(77L, new de.bwaldvogel.mongo.bson.Document("_id", 77L).append("k", "key-2"));
        damaged.commit();
        damaged.close();

        MVStore reopened = open();
        try {
            TypedH2Backend again = new TypedH2Backend(reopened);
            assertThatThrownBy(() -> again.verifyIndexes(false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("db.c").hasMessageContaining("key-2").hasMessageContaining("k_1");
        } finally {
            reopened.close();
        }
    }

    @Test
    void aMigrationInterruptedHalfWayResumesAndLosesNothing() {
        // A store written by the library's own backend (the format before TypedH2Backend).
        MVStore old = new MVStore.Builder().fileName(dir.resolve("s.mv").toString()).open();
        MongoServer server = new MongoServer(new H2Backend(old));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> c = client.getDatabase("db").getCollection("c");
            c.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            c.insertMany(documents(200));
        } finally {
            server.shutdownNow();
            old.close();
        }

        // The first start after the upgrade crashed half-way through copying: the new maps hold half.
        MVStore half = open();
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> oldData = half.openMap("databases.db.c");
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> newData = half.openMap("databases.db.c$bson",
                new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                        .valueType(TypedH2Backend.BsonDocumentType.INSTANCE));
        MVMap<Object, Object> oldIndex = half.openMap("db.c._index_k_1");
        MVMap<KeyValue, Object> newIndex = half.openMap("db.c._kv_index_k_1",
                new MVMap.Builder<KeyValue, Object>().keyType(TypedH2Backend.KeyValueType.INSTANCE));
        copyHalf(oldData, newData);
        for (Map.Entry<Object, Object> e : oldIndex.entrySet()) {
            if (newIndex.size() >= 100) {
                break;
            }
            newIndex.put((KeyValue) e.getKey(), e.getValue());
        }
        half.commit();
        half.close();

        MVStore resumed = open();
        try {
            TypedH2Backend backend = new TypedH2Backend(resumed);
            assertThat(backend.verifyIndexes(true)).isEmpty();
            assertThat(resumed.getMapNames()).doesNotContain("databases.db.c", "db.c._index_k_1");
            serve(backend, c -> assertEveryDocumentFoundByItsIndexes(c, 200));
        } finally {
            resumed.close();
        }
    }

    private static void copyHalf(MVMap<Object, de.bwaldvogel.mongo.bson.Document> from,
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> to) {
        for (Map.Entry<Object, de.bwaldvogel.mongo.bson.Document> e : from.entrySet()) {
            if (to.size() >= from.size() / 2) {
                return;
            }
            to.put(e.getKey(), e.getValue());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not reached");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).as("%s finished", thread).isFalse();
    }
}
