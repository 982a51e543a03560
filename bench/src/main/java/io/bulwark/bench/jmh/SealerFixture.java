package io.bulwark.bench.jmh;

import com.mongodb.client.MongoDatabase;
import io.bulwark.admin.history.HistoryStore;
import io.bulwark.admin.history.Sealer;
import io.bulwark.admin.history.SealingKeys;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.store.MongoEventAppender;
import io.bulwark.store.MongoEventStorageEngine;
import io.bulwark.store.SignallingEventStore;
import io.bulwark.store.StoreConnection;
import io.bulwark.store.secrets.MasterKey;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * The sealer benchmarks' store: {@code messages} recorded messages (queued, scanned with a full
 * report, delivered: three events each) in the embedded store (H2 file, as the appliance runs it),
 * and a sealing key.
 */
final class SealerFixture implements AutoCloseable {
    final Path directory;
    final StoreConnection connection;
    final MongoDatabase database;
    final MongoEventStorageEngine engine;
    final SealingKeys keys;
    private final SignallingEventStore eventStore;
    private final MongoEventAppender appender;

    SealerFixture(String name, int messages, long seed) throws Exception {
        directory = Files.createTempDirectory(name);
        connection = StoreConnection.embedded(directory.resolve("bulwark.mv"), false);
        database = connection.client().getDatabase("bulwark");
        engine = MongoEventStorageEngine.builder().database(database)
                .durabilityBarrier(connection.durabilityBarrier()).build();
        eventStore = SignallingEventStore.create(EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(1000));
        appender = new MongoEventAppender(engine, eventStore::signalNewEvents, 20_000, 500).start();
        SplittableRandom random = new SplittableRandom(seed);
        List<MessageScannedEvent> scans = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            scans.add(RulePreviewBenchmark.scanned(i, random));
        }
        RulePreviewBenchmark.storeMail(appender, scans);
        keys = new SealingKeys(database, MasterKey.loadOrCreate(directory.resolve("master.key")));
        keys.generate(Instant.now());
    }

    /**
     * A sealer with the appliance's settings (batches of 1000, gap settle 60 s, a signed checkpoint
     * every 1000 indexes or 60 s).
     */
    Sealer sealer() {
        return new Sealer(engine.eventLog(), new HistoryStore(database), keys, Clock.systemUTC(), 1000,
                Duration.ofSeconds(60), 1000, Duration.ofSeconds(60));
    }

    /** Fails unless a pass sealed every stored event of {@code messages} messages (three each). */
    static void expectAllSealed(long sealed, int messages) {
        if (sealed < 3L * messages) {
            throw new IllegalStateException("sealed " + sealed + " of " + 3L * messages);
        }
    }

    /** CPU time of the whole process so far, in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public void close() throws IOException {
        appender.close();
        eventStore.shutDown();
        engine.close();
        connection.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
