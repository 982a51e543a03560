package io.bulwark.bench.jmh;

import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.store.StoreConnection;
import io.bulwark.store.privacy.SubjectKeys;
import io.bulwark.store.privacy.SubjectSealing;
import io.bulwark.store.secrets.MasterKey;
import io.bulwark.store.serialization.StoreSerializers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's hot-path cost of personal-data encryption (ADR 0029): serialising one message event
 * (a sender and three recipients) with the store's serializer, plain and with the addresses sealed
 * per subject, and reading it back; and sealing for subjects never seen before (a key made and
 * stored in the embedded store per address). Subject keys live in an embedded store on an H2 file,
 * as in the appliance.
 *
 * <pre>java -jar bench/target/benchmarks.jar PersonalData</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PersonalDataBenchmark {
    private Path directory;
    private StoreConnection connection;
    private JacksonSerializer plain;
    private JacksonSerializer sealed;
    private SubjectSealing sealing;
    private MessageQueuedEvent event;
    private String sealedJson;
    private final AtomicLong fresh = new AtomicLong();

    @Setup
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("bulwark-personal-data-bench");
        connection = StoreConnection.embedded(directory.resolve("bulwark.mv"), false);
        SubjectKeys keys = new SubjectKeys(connection.client().getDatabase("bulwark"),
                MasterKey.loadOrCreate(directory.resolve("master.key")));
        sealing = new SubjectSealing(keys);
        plain = StoreSerializers.jacksonSerializer();
        sealed = StoreSerializers.jacksonSerializer(sealing);
        event = new MessageQueuedEvent(new MessageRef("Q1", "<1@bench.example>", "sender@remote.example",
                List.of("a@corp.example", "b@corp.example", "c@corp.example"), 20_000, "192.0.2.10", "node-a"),
                "INCOMING", Instant.parse("2026-05-01T10:00:00Z"));
        sealedJson = sealed.serialize(event, String.class).getData();
    }

    @TearDown
    public void tearDown() {
        connection.close();
    }

    @Benchmark
    public String serializePlain() {
        return plain.serialize(event, String.class).getData();
    }

    @Benchmark
    public String serializeSealed() {
        return sealed.serialize(event, String.class).getData();
    }

    @Benchmark
    public Object deserializeSealed() {
        return sealed.deserialize(new SimpleSerializedObject<>(sealedJson, String.class,
                MessageQueuedEvent.class.getName(), null));
    }

    @Benchmark
    public String sealNewSubject() {
        return sealing.seal("new-" + fresh.incrementAndGet() + "@remote.example");
    }
}
