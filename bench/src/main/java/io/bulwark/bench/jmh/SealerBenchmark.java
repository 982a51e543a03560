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
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The history sealer's cost (docs/history.md, ADR 0022): {@code messages} recorded messages (queued,
 * scanned, delivered: {@code 3 * messages} events, the scans with full reports) in the embedded
 * store (H2 file, as the appliance runs it), then one single shot seals them all from an empty
 * chain with the appliance's settings (batches of 1000, a signed Ed25519 checkpoint every 1000
 * indexes). Each shot prints events sealed per second and the sealing thread's CPU per event;
 * the chain is dropped before each shot.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Daxon.axonserver.enabled=false"})
public class SealerBenchmark {

    /** Recorded messages (three events each). */
    @Param({"10000"})
    public int messages;

    private Path directory;
    private StoreConnection connection;
    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private SignallingEventStore eventStore;
    private MongoEventAppender appender;
    private SealingKeys keys;

    @Setup(Level.Trial)
    public void open() throws Exception {
        directory = Files.createTempDirectory("bulwark-jmh-sealer");
        connection = StoreConnection.embedded(directory.resolve("bulwark.mv"), false);
        database = connection.client().getDatabase("bulwark");
        engine = MongoEventStorageEngine.builder().database(database)
                .durabilityBarrier(connection.durabilityBarrier()).build();
        eventStore = SignallingEventStore.create(EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(1000));
        appender = new MongoEventAppender(engine, eventStore::signalNewEvents, 20_000, 500).start();
        SplittableRandom random = new SplittableRandom(22);
        List<MessageScannedEvent> scans = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            scans.add(RulePreviewBenchmark.scanned(i, random));
        }
        RulePreviewBenchmark.storeMail(appender, scans);
        keys = new SealingKeys(database, MasterKey.loadOrCreate(directory.resolve("master.key")));
        keys.generate(Instant.now());
    }

    @Setup(Level.Iteration)
    public void emptyChain() {
        for (String c : List.of(HistoryStore.CHAIN, HistoryStore.CHECKPOINTS, HistoryStore.HEAD)) {
            database.getCollection(c).drop();
        }
    }

    /** Seals every stored event from an empty chain; returns the indexes sealed. */
    @Benchmark
    public long sealAll() {
        Sealer sealer = new Sealer(engine.eventLog(), new HistoryStore(database), keys, Clock.systemUTC(), 1000,
                Duration.ofSeconds(60), 1000, Duration.ofSeconds(60));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long process = processCpuNanos();
        long started = System.nanoTime();
        long sealed = sealer.sealAvailable();
        double wall = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        if (sealed < 3L * messages) {
            throw new IllegalStateException("sealed " + sealed + " of " + 3L * messages);
        }
        double processSeconds = (processCpuNanos() - process) / 1e9;
        System.out.printf("%nsealed %,d indexes in %.1f s: %,.0f events/s, %.0f µs CPU per event in the sealing thread, "
                + "%.0f µs in the whole process (the embedded store's threads included)%n",
                sealed, wall, sealed / wall, cpuSeconds * 1e6 / sealed, processSeconds * 1e6 / sealed);
        return sealed;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @TearDown(Level.Trial)
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
