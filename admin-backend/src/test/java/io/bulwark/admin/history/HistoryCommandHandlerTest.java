package io.bulwark.admin.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.events.history.RebuildProjectionCommand;
import io.bulwark.events.history.RotateSealingKeyCommand;
import io.bulwark.events.history.SealingKeyActivatedEvent;
import io.bulwark.store.secrets.MasterKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.admin.tracking.MessageTrackingProjection;
import io.bulwark.events.history.ProjectionRebuildRequestedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a command, then the recorded event or the refusal: every path of the stateless history
 * handler, through a real command bus (the event is published in the command's unit of work).
 */
class HistoryCommandHandlerTest {
    @TempDir
    Path dir;

    private final List<EventMessage<?>> published = Collections.synchronizedList(new ArrayList<>());
    private MongoServer server;
    private MongoClient client;
    private SealingKeys keys;
    private CommandGateway commands;
    private ProjectionReplay replay;

    @BeforeEach
    void setUp() throws Exception {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        keys = new SealingKeys(client.getDatabase("bulwark"), MasterKey.loadOrCreate(dir.resolve("master.key")));
        SimpleEventBus eventBus = SimpleEventBus.builder().build();
        eventBus.subscribe(published::addAll);
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        // one read model on this "node": message tracking
        replay = new ProjectionReplay("handler-test", database -> java.util.Map.of(
                MessageTrackingProjection.PROCESSING_GROUP, new MessageTrackingProjection(database)));
        ProjectionRebuilds rebuilds = new ProjectionRebuilds(replay.axon().eventProcessingConfiguration());
        new AnnotationCommandHandlerAdapter<>(new HistoryCommandHandler(eventBus, keys, rebuilds)).subscribe(commandBus);
        commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    @AfterEach
    void tearDown() {
        replay.close();
        client.close();
        server.shutdownNow();
    }

    @Test
    void aRotationMakesANewKeyAndRecordsItsPublicHalfWithItsPredecessorAndActor() {
        String first = commands.sendAndWait(new RotateSealingKeyCommand("system", "first history key"));
        String second = commands.sendAndWait(new RotateSealingKeyCommand("alice", "yearly"));

        assertThat(published).hasSize(2);
        SealingKeyActivatedEvent event = (SealingKeyActivatedEvent) published.get(1).getPayload();
        assertThat(event.keyId()).isEqualTo(second).isNotEqualTo(first);
        assertThat(event.previousKeyId()).isEqualTo(first);
        assertThat(event.actor()).isEqualTo("alice");
        assertThat(event.reason()).isEqualTo("yearly");
        assertThat(event.algorithm()).isEqualTo("Ed25519");
        assertThat(event.publicKey()).isEqualTo(keys.publicKeys().get(second));
        assertThat(keys.active().orElseThrow().keyId()).isEqualTo(second);
    }

    @Test
    void aRotationWithoutActorOrWithAnOverlongReasonIsRefusedAndRecordsNothing() {
        assertThatThrownBy(() -> commands.sendAndWait(new RotateSealingKeyCommand(" ", "x")))
                .isInstanceOf(InvalidHistoryCommandException.class).hasMessageContaining("actor");
        assertThatThrownBy(() -> commands.sendAndWait(new RotateSealingKeyCommand("alice", "x".repeat(501))))
                .isInstanceOf(InvalidHistoryCommandException.class).hasMessageContaining("500");
        assertThat(published).isEmpty();
        assertThat(keys.all()).isEmpty();
    }

    @Test
    void aRebuildOfAReadModelIsRecordedWithItsActorAndRestartsItsProcessor() {
        String requestId = commands.sendAndWait(new RebuildProjectionCommand("message-tracking", "alice"));

        assertThat(published).hasSize(1);
        ProjectionRebuildRequestedEvent event = (ProjectionRebuildRequestedEvent) published.getFirst().getPayload();
        assertThat(event.requestId()).isEqualTo(requestId);
        assertThat(event.processingGroup()).isEqualTo("message-tracking");
        assertThat(event.actor()).isEqualTo("alice");
        assertThat(replay.processor("message-tracking").isRunning()).isTrue();
    }

    @Test
    void aRebuildOfAProcessorThatIsNotARebuildableReadModelIsRefusedAndRecordsNothing() {
        assertThatThrownBy(() -> commands.sendAndWait(new RebuildProjectionCommand("queue-control", "alice")))
                .isInstanceOf(InvalidHistoryCommandException.class).hasMessageContaining("queue-control");
        assertThatThrownBy(() -> commands.sendAndWait(new RebuildProjectionCommand("message-tracking", null)))
                .isInstanceOf(InvalidHistoryCommandException.class).hasMessageContaining("actor");
        assertThat(published).isEmpty();
    }
}
