package io.bulwark.admin.history.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.admin.history.EmbeddedHistory;
import io.bulwark.admin.history.InvalidHistoryCommandException;
import io.bulwark.admin.history.ProjectionRebuilds;
import io.bulwark.admin.history.Verification;
import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.admin.tracking.MessageTrackingProjection;
import io.bulwark.events.history.DataSubjectForgottenEvent;
import io.bulwark.events.history.ForgetDataSubjectCommand;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.query.FindMessagesQuery;
import io.bulwark.events.query.MessageTrackingView;
import io.bulwark.store.privacy.SubjectSealing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crypto-shredding end to end on the embedded store (ADR 0029): envelope addresses are stored
 * encrypted per subject, so the stored events (and an export) never show them; forgetting a subject
 * records the subject id only, destroys the key, the chain still verifies intact (not a stored byte
 * changed), and a read model rebuilt from the events shows {@code [forgotten]} for that subject only.
 */
class ForgettingADataSubjectTest {
    @TempDir
    Path dir;

    private EmbeddedHistory history;
    private ProjectionReplay replay;
    private final List<EventMessage<?>> published = Collections.synchronizedList(new ArrayList<>());
    private DataSubjectCommandHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        history = new EmbeddedHistory(dir, 20, true);
        history.rotateKey("system");
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(published::addAll);
        replay = new ProjectionReplay("forget-test", database -> Map.of(
                MessageTrackingProjection.PROCESSING_GROUP, new MessageTrackingProjection(database)));
        handler = new DataSubjectCommandHandler(bus, Optional.of(history.subjectKeys),
                new ProjectionRebuilds(replay.axon().eventProcessingConfiguration()));
    }

    @AfterEach
    void tearDown() throws Exception {
        replay.close();
        history.close();
    }

    private void mail(String queueId, String sender, String... recipients) {
        MessageRef ref = new MessageRef(queueId, "<" + queueId + "@example.org>", sender, List.of(recipients), 1000,
                "192.0.2.10", "node-a");
        history.appendNow(new MessageReceivedEvent(ref, "mx.sender.example", null, null, "00", history.clock.instant()));
        history.appendNow(new MessageDeliveredEvent(ref, "mx.rcpt.example", "250 ok", history.clock.instant()));
    }

    /** A read model built from zero from what the store returns now. */
    private List<MessageTrackingView> trackingFromTheStore() throws Exception {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MessageTrackingProjection projection = new MessageTrackingProjection(client.getDatabase("rebuilt"));
            var adapter = new org.axonframework.eventhandling.AnnotationEventHandlerAdapter(projection);
            try (var stream = history.engine.readEvents(null, false)) {
                stream.forEach(event -> {
                    try {
                        if (adapter.canHandle(event)) {
                            adapter.handle(event);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            return projection.find(new FindMessagesQuery(null, null, null, null, null, 100));
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void forgettingDestroysTheKeyLeavesEveryStoredByteAndTheChainIntactAndReadModelsShowForgotten() throws Exception {
        mail("Q1", "alice@sender.example", "bob@rcpt.example", "carol@rcpt.example");
        mail("Q2", "bob@rcpt.example", "dave@remote.example");
        history.sealer.sealAvailable();
        List<Document> before = history.events().find().into(new ArrayList<>());
        assertThat(before.toString()).doesNotContain("bob@rcpt.example").doesNotContain("alice@sender.example")
                .contains("pd1:ds-");
        assertThat(history.exportText(1, null)).doesNotContain("bob@rcpt.example");
        assertThat(trackingFromTheStore()).filteredOn(v -> v.queueId().equals("Q1")).singleElement()
                .satisfies(v -> assertThat(v.recipients()).containsExactly("bob@rcpt.example", "carol@rcpt.example"));

        String subjectId = handler.handle(new ForgetDataSubjectCommand(" <Bob@RCPT.example>", "admin", "request 42"));

        assertThat(published).singleElement().extracting(EventMessage::getPayload)
                .isInstanceOfSatisfying(DataSubjectForgottenEvent.class, e -> {
                    assertThat(e.subjectId()).isEqualTo(subjectId).matches("ds-[0-9a-f]{32}");
                    assertThat(e.toString()).doesNotContainIgnoringCase("bob");
                    assertThat(e.actor()).isEqualTo("admin");
                });
        assertThat(history.events().find().into(new ArrayList<>())).isEqualTo(before);
        Verification v = history.verifier.verify(1, null);
        assertThat(v.intact()).isTrue();
        List<MessageTrackingView> after = trackingFromTheStore();
        assertThat(after).filteredOn(m -> m.queueId().equals("Q1")).singleElement().satisfies(m -> {
            assertThat(m.sender()).isEqualTo("alice@sender.example");
            assertThat(m.recipients()).containsExactly(SubjectSealing.FORGOTTEN, "carol@rcpt.example");
        });
        assertThat(after).filteredOn(m -> m.queueId().equals("Q2")).singleElement().satisfies(m -> {
            assertThat(m.sender()).isEqualTo(SubjectSealing.FORGOTTEN);
            assertThat(m.recipients()).containsExactly("dave@remote.example");
        });
    }

    @Test
    void invalidRequestsAndForgettingWithoutEncryptionAreRefused() {
        assertThatThrownBy(() -> handler.handle(new ForgetDataSubjectCommand("not-an-address", "admin", null)))
                .isInstanceOf(InvalidHistoryCommandException.class);
        assertThatThrownBy(() -> handler.handle(new ForgetDataSubjectCommand("bob@rcpt.example", " ", null)))
                .isInstanceOf(InvalidHistoryCommandException.class);
        assertThatThrownBy(() -> handler.handle(new ForgetDataSubjectCommand("bob@rcpt.example", "admin",
                "x".repeat(501)))).isInstanceOf(InvalidHistoryCommandException.class);
        DataSubjectCommandHandler off = new DataSubjectCommandHandler(SimpleEventBus.builder().build(),
                Optional.empty(), new ProjectionRebuilds(replay.axon().eventProcessingConfiguration()));
        assertThatThrownBy(() -> off.handle(new ForgetDataSubjectCommand("bob@rcpt.example", "admin", null)))
                .isInstanceOf(InvalidHistoryCommandException.class).hasMessageContaining("encryption is off");
        assertThat(published).isEmpty();
    }
}
