package io.bulwark.admin.history.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.admin.history.EmbeddedHistory;
import io.bulwark.admin.history.ProjectionRebuilds;
import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.history.ForgetDataSubjectCommand;
import io.bulwark.store.privacy.SubjectKeys;
import io.bulwark.store.privacy.SubjectSealing;
import io.bulwark.store.secrets.MasterKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one store, each with its own key provider (ADR 0038): when node A forgets a subject,
 * node B's tracking processor sees the stored {@code DataSubjectForgottenEvent} and drops the key it
 * had cached, so B reads the subject's data as {@code [forgotten]} too, without a restart.
 */
class SubjectKeyEvictionTest {
    @TempDir
    Path dir;

    private EmbeddedHistory history;
    private EmbeddedEventStore eventStore;
    private TrackingEventProcessor nodeB;
    private ProjectionReplay replay;

    @BeforeEach
    void setUp() throws Exception {
        history = new EmbeddedHistory(dir, 20, true);
        eventStore = EmbeddedEventStore.builder().storageEngine(history.engine).build();
        replay = new ProjectionReplay("eviction-test", database -> Map.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (nodeB != null) {
            nodeB.shutDown();
        }
        eventStore.shutDown();
        replay.close();
        history.close();
    }

    @Test
    void theForgetEventEvictsTheKeyCachedByAnotherNode() throws Exception {
        SubjectKeys keysB = keysOfNodeB();
        nodeB = nodeB(keysB);
        nodeB.start();

        SubjectSealing readerB = new SubjectSealing(keysB);
        String sealed = sealedAndOpenedOnNodeB(readerB, "bob@rcpt.example");
        String bob = keysB.subjectId("bob@rcpt.example");
        assertThat(keysB.cached(bob)).isTrue();

        assertThat(forget("bob@rcpt.example")).isEqualTo(bob);

        await().atMost(Duration.ofSeconds(30)).until(() -> !keysB.cached(bob));
        assertThat(readerB.open(sealed)).isEqualTo(SubjectSealing.FORGOTTEN);
        assertThat(keysB.cached(bob)).isFalse();
    }

    /**
     * The race a CI run caught: node B cached the key, node A forgot the subject, and only then did
     * B's processor worker first ask for its token. A token taken at the head then lies after the
     * forget event; the processor must still see it.
     */
    @Test
    void aForgetStoredBeforeTheProcessorFirstRunsIsStillApplied() throws Exception {
        SubjectKeys keysB = keysOfNodeB();
        SubjectSealing readerB = new SubjectSealing(keysB);
        String sealed = sealedAndOpenedOnNodeB(readerB, "carol@rcpt.example");
        String carol = keysB.subjectId("carol@rcpt.example");
        assertThat(keysB.cached(carol)).isTrue();

        assertThat(forget("carol@rcpt.example")).isEqualTo(carol);
        nodeB = nodeB(keysB);
        nodeB.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> !keysB.cached(carol));
        assertThat(readerB.open(sealed)).isEqualTo(SubjectSealing.FORGOTTEN);
    }

    private SubjectKeys keysOfNodeB() throws IOException {
        return new SubjectKeys(history.database, MasterKey.loadOrCreate(dir.resolve("tls/master.key")));
    }

    /** Sealed by node A, opened by node B (which so caches the subject's key); the sealed text. */
    private String sealedAndOpenedOnNodeB(SubjectSealing readerB, String address) {
        String sealed = new SubjectSealing(history.subjectKeys).seal(address);
        assertThat(readerB.open(sealed)).isEqualTo(address);
        return sealed;
    }

    private String forget(String address) {
        DataSubjectCommandHandler nodeA = new DataSubjectCommandHandler(eventStore, Optional.of(history.subjectKeys),
                new ProjectionRebuilds(replay.axon().eventProcessingConfiguration()));
        return nodeA.handle(new ForgetDataSubjectCommand(address, "admin", "request 7"));
    }

    private TrackingEventProcessor nodeB(SubjectKeys keysB) {
        return TrackingEventProcessor.builder()
                .name(SubjectKeyEviction.processorName("node-b"))
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(new SubjectKeyEviction(keysB)).build())
                .messageSource(eventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(
                                s -> SubjectKeyEviction.initialToken(s, SubjectKeyEviction.processStart())))
                .build();
    }
}
