package io.bulwark.console.antispam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.dom.Element;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.admin.antispam.AntiSpamTraining;
import io.bulwark.admin.antispam.TrainingMark;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.backup.BackupAdministration;
import io.bulwark.admin.backup.BackupCopy;
import io.bulwark.console.backup.BackupClient;
import io.bulwark.console.backup.BackupPage;
import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.antispam.TrainingIds;
import io.bulwark.events.antispam.TrainingSource;
import io.bulwark.events.antispam.TrainingVerdict;
import io.bulwark.events.backup.BackupCopyView;
import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.store.backup.BackupStore;
import io.bulwark.store.backup.NewBackupCopy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The training buttons in the Backup view without a browser, over the real backend (Backup store on
 * an in-memory mongo-java-server, the TrainingMark aggregate on Axon's in-memory event store): a
 * mark, a changed mind, an undo, each an event in the mark's stream in the user's name; HelpDesk and
 * auditors see no buttons and are refused on the server.
 */
class TrainingBarTest {
    private static final byte[] ORIGINAL = ("From: win@lottery.example\r\nSubject: You won\r\n\r\n"
            + "claim your unclaimed prize today\r\n").getBytes(StandardCharsets.US_ASCII);

    private MongoServer server;
    private MongoClient mongo;
    private BackupStore store;
    private InMemoryEventStorageEngine events;
    private Configuration axon;
    private BackupClient backup;
    private TrainingClient training;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        mongo = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        store = BackupStore.builder().database(mongo.getDatabase("bulwark")).build();
        events = new InMemoryEventStorageEngine();
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> events)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(BackupCopy.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(TrainingMark.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .buildConfiguration();
        axon.start();
        backup = new BackupClient(new BackupAdministration(store, axon.commandGateway(), axon.eventStore()));
        training = new TrainingClient(new AntiSpamTraining(store, axon.commandGateway(), axon.eventStore()));
        store.put(new NewBackupCopy("Q1.b", new MessageRef("Q1", "m1@example.org", "win@lottery.example",
                List.of("bob@corp.example"), ORIGINAL.length, "198.51.100.7", "node-1"),
                List.of(new BackupTrigger(ProtectionModule.ANTI_SPAM, ScanStatus.PROBABLE_SPAM, "r1", "Default")),
                ScanReport.of(ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.PROBABLE_SPAM, "rating 45"))),
                ORIGINAL);
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        axon.shutdown();
        store.close();
        mongo.close();
        server.shutdownNow();
    }

    private static void signIn(String role) {
        TestingAuthenticationToken user = new TestingAuthenticationToken(role.toLowerCase(), null, "ROLE_" + role);
        user.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(user);
    }

    private BackupPage page(String role) {
        signIn(role);
        BackupPage page = new BackupPage(backup, training);
        page.getElement(); // built
        Grid<BackupCopyView> grid = byId(page, BackupPage.GRID_ID);
        grid.setItems(backup.search(new io.bulwark.events.backup.BackupSearchCriteria(null, null, null, null, null,
                null, null), 10));
        grid.select(grid.getGenericDataView().getItems().findFirst().orElseThrow());
        return page;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Component> T byId(Component root, String id) {
        return (T) elements(root.getElement()).filter(e -> id.equals(e.getAttribute("id")))
                .map(Element::getComponent).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new AssertionError("no element with id " + id));
    }

    private static Stream<Element> elements(Element root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(TrainingBarTest::elements));
    }

    private List<Object> stream(String trainingId) {
        return events.readEvents(trainingId).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast)
                .toList();
    }

    @Test
    void marksChangesItsMindAndUndoesInTheAdministratorsName() {
        BackupPage page = page("ADMINISTRATOR");
        String id = TrainingIds.of(com.google.common.hash.Hashing.sha256().hashBytes(ORIGINAL).toString());
        TrainingBar bar = byId(page, TrainingBar.SPAM_ID).getParent().map(TrainingBar.class::cast).orElseThrow();
        assertThat(bar.isVisible()).isTrue();

        TrainingBarTest.<Button>byId(page, TrainingBar.SPAM_ID).click();
        assertThat(bar.statusText()).startsWith("Marked as spam");
        MessageTrainedEvent spam = (MessageTrainedEvent) stream(id).getFirst();
        assertThat(spam.verdict()).isEqualTo(TrainingVerdict.SPAM);
        assertThat(spam.actor()).isEqualTo("administrator");
        assertThat(spam.queueId()).isEqualTo("Q1");
        assertThat(spam.source()).isEqualTo(TrainingSource.BACKUP);
        assertThat(spam.sourceId()).isEqualTo("Q1.b");

        TrainingBarTest.<Button>byId(page, TrainingBar.SPAM_ID).click();
        assertThat(bar.statusText()).contains("already");

        TrainingBarTest.<Button>byId(page, TrainingBar.HAM_ID).click();
        assertThat(stream(id)).hasSize(3);
        assertThat(stream(id).get(1)).isInstanceOf(MessageUntrainedEvent.class);
        assertThat(((MessageTrainedEvent) stream(id).get(2)).verdict()).isEqualTo(TrainingVerdict.HAM);

        TrainingBarTest.<Button>byId(page, TrainingBar.UNDO_ID).click();
        assertThat(bar.statusText()).isEqualTo("Mark taken back.");
        assertThat(((MessageUntrainedEvent) stream(id).getLast()).verdict()).isEqualTo(TrainingVerdict.HAM);
        assertThat(TrainingBarTest.<Button>byId(page, TrainingBar.UNDO_ID).isEnabled()).isFalse();
    }

    @Test
    void helpDeskAndAuditorsSeeNoTrainingAndAreRefusedOnTheServer() {
        for (String role : List.of("HELPDESK", "AUDITOR")) {
            BackupPage page = page(role);
            assertThat(TrainingBarTest.<Button>byId(page, TrainingBar.SPAM_ID).getParent().orElseThrow().isVisible())
                    .isFalse();
            assertThatThrownBy(() -> training.markBackupCopy("Q1.b", TrainingVerdict.SPAM))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(events.readEvents(TrainingIds.of(com.google.common.hash.Hashing.sha256().hashBytes(ORIGINAL)
                .toString())).asStream()).isEmpty();
    }

    @Test
    void aQueuedMessageWithoutBackupCopySaysWhereItsBodyIs() {
        signIn("ADMINISTRATOR");
        TrainingBar bar = new TrainingBar(training, () -> Optional.of(TrainingBar.Target.queued("Qspoolonly")));
        TrainingBarTest.<Button>byId(bar, TrainingBar.SPAM_ID).click();
        assertThat(bar.statusText()).contains("no Backup copy").contains("spool");
    }
}
