package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many virtual threads using the embedded store at once all finish: the 500-session stall of
 * issue 19 (docs/benchmarks.md, "The 500-session stall").
 *
 * <p>The driver reads the Unix socket with a blocking native call (jnr-unixsocket), which pins a
 * virtual thread to its carrier. When every carrier was pinned by a caller waiting for its reply,
 * the server's connection threads (virtual too) and a committer queued for the write gate (a
 * virtual caller of the barrier) could never run again: the process sat at 0 % CPU for good. Here
 * several hundred virtual threads read, write and commit through one connection, far more than
 * there are carriers; before the fix this hung on a 2-core machine within the first few hundred
 * operations. The bound below is generous and only keeps a regression from hanging the build.
 */
class VirtualThreadCallersTest {

    private static final int CALLERS = 400;
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void hundredsOfVirtualThreadsReadingWritingAndCommittingAllFinish() throws Exception {
        try (StoreConnection connection = StoreConnection.embedded(dir.resolve("store/bulwark.mv"), true)) {
            MongoCollection<Document> things = connection.client().getDatabase("bulwark").getCollection("things");
            things.insertOne(new Document("_id", "seed"));
            AtomicInteger finished = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                int caller = c;
                callers.add(Thread.ofVirtual().name("caller-" + c).start(() -> {
                    try {
                        for (int r = 0; r < ROUNDS; r++) {
                            if (caller % 2 == 0) {
                                things.insertOne(new Document("_id", caller + "-" + r));
                                connection.durabilityBarrier().commit();
                            } else {
                                things.find(Filters.eq("_id", "seed")).first();
                            }
                        }
                        finished.incrementAndGet();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> finished.get() + (failure.get() == null ? 0 : CALLERS) >= CALLERS);
            assertThat(failure.get()).isNull();
            assertThat(finished.get()).isEqualTo(CALLERS);
            assertThat(things.countDocuments()).isEqualTo(1 + (long) CALLERS / 2 * ROUNDS);
            for (Thread caller : callers) {
                caller.join();
            }
        }
    }
}
