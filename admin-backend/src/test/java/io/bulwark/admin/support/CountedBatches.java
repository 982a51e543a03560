package io.bulwark.admin.support;

import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * For tests of the read models' write-behind: a MongoDB server on a loopback port whose client
 * records every command it starts ("name collection"), and a run of events through a batching
 * tracking processor wired as the application wires the read models.
 */
public final class CountedBatches implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;
    /** Every command the client started, as "name collection". */
    public final List<String> commands = new CopyOnWriteArrayList<>();

    public CountedBatches() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.getLocalAddress().getPort()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        var target = event.getCommand().get(event.getCommandName());
                        commands.add(event.getCommandName() + " "
                                + (target != null && target.isString() ? target.asString().getValue() : ""));
                    }
                })
                .build());
    }

    public MongoClient client() {
        return client;
    }

    /** The commands started so far with this name, e.g. "update". */
    public List<String> named(String command) {
        return commands.stream().filter(c -> c.startsWith(command + " ")).toList();
    }

    /**
     * Stores the events, then runs them through the group's tracking processor (batches of
     * {@link ProjectionProcessors#BATCH_SIZE}, the projection's write-behind as interceptor) until
     * every one is handled.
     */
    public static void handleInBatches(String group, Supplier<? extends BatchedProjection> projection,
            List<? extends EventMessage<?>> events) {
        var configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        configurer.eventProcessing(processing -> ProjectionProcessors.flushPerBatch(processing
                .registerTrackingEventProcessor(group, c -> c.eventStore(), ProjectionProcessors.batched())
                .registerEventHandler(c -> projection.get()), group, projection));
        Configuration axon = configurer.buildConfiguration();
        axon.eventStore().publish(events); // all stored before the processor starts: full batches
        try {
            axon.start();
            TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                    .eventProcessor(group, TrackingEventProcessor.class).orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.processingStatus().values().stream()
                    .anyMatch(s -> s.getCurrentPosition().orElse(-1) >= events.size() - 1));
        } finally {
            axon.shutdown();
        }
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
