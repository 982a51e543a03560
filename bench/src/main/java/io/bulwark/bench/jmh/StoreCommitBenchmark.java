package io.bulwark.bench.jmh;

import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.store.MongoEventAppender;
import io.bulwark.store.MongoEventStorageEngine;
import io.bulwark.store.StoreConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What fsync on every commit of the embedded store costs (issue 18: fsync became the default).
 *
 * <p>Each call appends one event through the appender and waits until it is acknowledged, that is
 * committed through the write gate (and forced to the disk when {@code fsync} is true): the way the
 * gateway records a message's arrival. Alone, every event pays a whole commit; with 16 callers,
 * group commit lets one commit (and one fsync) cover every event waiting at that moment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Daxon.axonserver.enabled=false"})
public class StoreCommitBenchmark {

    @Param({"false", "true"})
    public boolean fsync;

    private Path directory;
    private StoreConnection connection;
    private MongoEventAppender appender;

    @Setup(Level.Trial)
    public void open() throws Exception {
        directory = Files.createTempDirectory("bulwark-jmh-commit");
        connection = StoreConnection.embedded(directory.resolve("store/bulwark.mv"), fsync);
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(connection.client().getDatabase("bulwark"))
                .durabilityBarrier(connection.durabilityBarrier())
                .build();
        appender = new MongoEventAppender(engine, () -> { }, 20_000, 500).start();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        appender.close();
        connection.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void appendOne() throws Exception {
        String id = UUID.randomUUID().toString();
        MessageRef ref = new MessageRef(id, "<" + id + "@bench.example>", "loadgen@bench.example",
                List.of("a@example.com"), 20_480, "127.0.0.1", "bench");
        appender.append(List.of(new GenericEventMessage<>(new MessageQueuedEvent(ref, "INCOMING", Instant.now()),
                Map.of()))).get(30, TimeUnit.SECONDS);
    }

    @Benchmark
    @Threads(1)
    public void appendAwaitedAlone() throws Exception {
        appendOne();
    }

    @Benchmark
    @Threads(16)
    public void appendAwaited16Callers() throws Exception {
        appendOne();
    }
}
