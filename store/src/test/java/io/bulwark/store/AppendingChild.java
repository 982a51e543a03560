package io.bulwark.store;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child process for {@link DurabilityTest}: appends events through the EventAppender on a
 * file-backed embedded store from four threads forever, printing {@code ACK <eventId> END} once each is acknowledged.
 * It is meant to be killed.
 */
public final class AppendingChild {

    private AppendingChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        StoreConnection connection = StoreConnection.embedded(file, false);
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(connection.client().getDatabase("bulwark"))
                .durabilityBarrier(connection.durabilityBarrier())
                .build();
        MongoEventAppender appender = new MongoEventAppender(engine, () -> { }, 1_000, 200).start();
        AtomicInteger next = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            String aggregate = "aggregate-" + t;
            callers.submit(() -> {
                long sequence = 0;
                while (true) {
                    int n = next.getAndIncrement();
                    String id = "ack-" + n;
                    // Half plain events, half domain events, so both unique indexes (event id and
                    // aggregate sequence) are written under the kill.
                    appender.append(List.of(n % 2 == 0 ? TestEvents.plainWithId(id, n)
                            : TestEvents.domainWithId(id, aggregate, sequence++, "n" + n))).get();
                    synchronized (System.out) {
                        System.out.println("ACK " + id + " END");
                        System.out.flush();
                    }
                }
            });
        }
        callers.awaitTermination(1, TimeUnit.DAYS);
    }
}
