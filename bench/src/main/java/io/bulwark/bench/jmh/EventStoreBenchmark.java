package io.bulwark.bench.jmh;

import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.store.EventLog;
import io.bulwark.store.MongoEventAppender;
import io.bulwark.store.MongoEventStorageEngine;
import io.bulwark.store.SignallingEventStore;
import io.bulwark.store.StoreConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The embedded event store with a large history: events per second appended and read back.
 *
 * <p>The trial set-up opens the store the way the appliance does (embedded server on an H2 file,
 * engine, appender) and fills it to {@code stored} events (one million by default) of the
 * gateway's commonest kind, a {@code MessageQueuedEvent}, before anything is measured. Filling takes
 * a few minutes; with {@code -p dir=/some/dir} a filled store is kept and reused by later runs.
 *
 * <ul>
 *   <li>{@code appendAndReadBack}: one appender call with 100 events (as the gateway's
 *       writers do), awaited, then the same events read back through the engine from the previous
 *       tracking token (as a tracking processor at the head reads). Scored per event.</li>
 *   <li>{@code readHistory}: 100 events from a random position in the whole history,
 *       through the event log the audit API pages with. Scored per event.</li>
 * </ul>
 *
 * <p>Target (issue 5): at least 5,000 events per second appended and read back with a million
 * events stored.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Daxon.axonserver.enabled=false"})
public class EventStoreBenchmark {

    /** Events in the store before measuring. */
    @Param({"1000000"})
    public int stored;

    /** Events per append call and per read (the scores are per event: keep in step with the annotations). */
    private static final int BATCH = 100;

    /** Store directory; empty for a fresh temporary one (deleted after the run). */
    @Param({""})
    public String dir;

    private Path directory;
    private boolean temporary;
    private StoreConnection connection;
    private MongoEventStorageEngine engine;
    private SignallingEventStore eventStore;
    private MongoEventAppender appender;
    private EventLog eventLog;
    private TrackingToken head;
    private long highest;
    private long sequence;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void open() throws Exception {
        temporary = dir.isBlank();
        directory = temporary ? Files.createTempDirectory("bulwark-jmh-store") : Path.of(dir);
        connection = StoreConnection.embedded(directory.resolve("bulwark.mv"), false);
        engine = MongoEventStorageEngine.builder()
                .database(connection.client().getDatabase("bulwark"))
                .durabilityBarrier(connection.durabilityBarrier())
                .build();
        eventStore = SignallingEventStore.create(EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(1000));
        appender = new MongoEventAppender(engine, eventStore::signalNewEvents, 20_000, 500).start();
        eventLog = engine.eventLog();
        fill();
        head = engine.createHeadToken();
        highest = headPosition();
    }

    private long headPosition() {
        TrackingToken token = engine.createHeadToken();
        return token == null ? 0 : token.position().orElse(0);
    }

    private void fill() throws Exception {
        long have = headPosition();
        if (have >= stored) {
            System.out.printf("store %s already holds %,d events%n", directory, have);
            return;
        }
        long started = System.nanoTime();
        Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        for (long i = have; i < stored; i += BATCH) {
            inFlight.add(appender.append(events((int) Math.min(BATCH, stored - i))));
            if (inFlight.size() >= 40) {
                inFlight.poll().get(60, TimeUnit.SECONDS);
            }
            if ((i / BATCH) % 1000 == 0 && i > have) {
                System.out.printf("filled %,d events, %.0f events/s%n", i,
                        (i - have) / ((System.nanoTime() - started) / 1e9));
            }
        }
        for (CompletableFuture<Void> f : inFlight) {
            f.get(60, TimeUnit.SECONDS);
        }
        System.out.printf("filled to %,d events in %.0f s%n", stored, (System.nanoTime() - started) / 1e9);
    }

    private List<EventMessage<?>> events(int n) {
        List<EventMessage<?>> events = new ArrayList<>(n);
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            long s = sequence++;
            String queueId = "Q" + Long.toString(System.nanoTime(), 36) + Long.toString(s, 36);
            MessageRef ref = new MessageRef(queueId, "<" + queueId + "@bench.example>", "loadgen@bench.example",
                    List.of("rcpt" + (s % 97) + "@example.com"), 20_480 + s % 4096, "127.0.0.1", "bench");
            events.add(new GenericEventMessage<>(new MessageQueuedEvent(ref, "INCOMING", now), Map.of()));
        }
        return events;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int appendAndReadBack() throws Exception {
        List<EventMessage<?>> written = events(BATCH);
        appender.append(written).get(60, TimeUnit.SECONDS);
        List<TrackedEventMessage<?>> read;
        try (var stream = engine.readEvents(head, false)) {
            read = stream.limit(BATCH).collect(Collectors.toList());
        }
        if (read.size() != BATCH || !read.getLast().getIdentifier().equals(written.getLast().getIdentifier())) {
            throw new IllegalStateException("read back " + read.size() + " events, not the " + BATCH + " appended");
        }
        head = read.getLast().trackingToken();
        return read.size();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int readHistory() {
        long after = random.nextLong(Math.max(1, highest - BATCH));
        int n = eventLog.readAfter(after, BATCH).size();
        if (n != BATCH) {
            throw new IllegalStateException("read " + n + " events after " + after + ", expected " + BATCH);
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        appender.close();
        eventStore.shutDown();
        engine.close();
        connection.close();
        if (temporary) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
