package io.bulwark.console.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.streams.DownloadResponse;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.backup.BackupAdministration;
import io.bulwark.admin.backup.BackupCopy;
import io.bulwark.events.backup.BackupCopyDeletedEvent;
import io.bulwark.events.backup.BackupCopyDeliveryRequestedEvent;
import io.bulwark.events.backup.BackupCopyDownloadedEvent;
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
 * The Backup page without a browser, over the real backend: the Backup store on an in-memory
 * mongo-java-server, the BackupCopy aggregate on Axon's in-memory event store, the service and the
 * client. Users sign in through the security context as Vaadin's request handling would.
 */
class BackupPageTest {

    private static final byte[] ORIGINAL = "Subject: hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    private MongoServer server;
    private MongoClient mongo;
    private BackupStore store;
    private InMemoryEventStorageEngine events;
    private Configuration axon;
    private BackupClient client;

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
                .buildConfiguration();
        axon.start();
        client = new BackupClient(new BackupAdministration(store, axon.commandGateway(), axon.eventStore()));
        put("b-virus", "alice@example.com", ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED);
        put("b-sandbox", "mallory@spam.example", ProtectionModule.EXTERNAL_SANDBOX, ScanStatus.SANDBOX_DETECTED);
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        axon.shutdown();
        store.close();
        mongo.close();
        server.shutdownNow();
    }

    private void put(String id, String sender, ProtectionModule module, ScanStatus status) {
        store.put(new NewBackupCopy(id, new MessageRef("Q-" + id, id + "@example.org", sender,
                List.of("bob@corp.example"), ORIGINAL.length, "198.51.100.7", "node-1"),
                List.of(new BackupTrigger(module, status, "r1", "Default")),
                ScanReport.of(ModuleVerdict.of(module, status, "found it"))), ORIGINAL);
    }

    private static void signIn(String role) {
        TestingAuthenticationToken user = new TestingAuthenticationToken(role.toLowerCase(), null, "ROLE_" + role);
        user.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(user);
    }

    private BackupPage page(String role) {
        signIn(role);
        BackupPage page = new BackupPage(client);
        page.refresh();
        return page;
    }

    private List<Object> eventsOf(String backupId) {
        return events.readEvents(backupId).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Component> T byId(Component root, String id) {
        return (T) elements(root.getElement()).filter(e -> id.equals(e.getAttribute("id")))
                .map(Element::getComponent).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new AssertionError("no element with id " + id));
    }

    private static Stream<Element> elements(Element root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(BackupPageTest::elements));
    }

    private static Button footerButton(Dialog dialog, String id) {
        return (Button) elements(dialog.getFooter().getElement()).filter(e -> id.equals(e.getAttribute("id")))
                .map(Element::getComponent).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + id));
    }

    private static List<String> rows(BackupPage page) {
        Grid<BackupCopyView> grid = byId(page, BackupPage.GRID_ID);
        return grid.getGenericDataView().getItems().map(BackupCopyView::backupId).toList();
    }

    private static void select(BackupPage page, String backupId) {
        Grid<BackupCopyView> grid = byId(page, BackupPage.GRID_ID);
        grid.select(grid.getGenericDataView().getItems().filter(r -> r.backupId().equals(backupId)).findFirst()
                .orElseThrow());
    }

    @Test
    void listsNewestFirstAndFilters() {
        BackupPage page = page("AUDITOR");
        assertThat(rows(page)).containsExactly("b-sandbox", "b-virus");
        assertThat(BackupPageTest.<Span>byId(page, BackupPage.USAGE_ID).getText()).startsWith("Backup holds 2 copies");

        BackupPageTest.<Select<ProtectionModule>>byId(page, BackupPage.MODULE_ID).setValue(ProtectionModule.ANTI_VIRUS);
        page.refresh();
        assertThat(rows(page)).containsExactly("b-virus");

        BackupPageTest.<Select<ProtectionModule>>byId(page, BackupPage.MODULE_ID).clear();
        BackupPageTest.<TextField>byId(page, BackupPage.SENDER_ID).setValue("SPAM.example");
        page.refresh();
        assertThat(rows(page)).containsExactly("b-sandbox");
        assertThat(BackupPageTest.<Span>byId(page, BackupPage.COUNT_ID).getText()).isEqualTo("1 copy");
    }

    @Test
    void showsTheScanReportInTheDetails() {
        BackupPage page = page("AUDITOR");
        Dialog dialog = page.detailsDialog("b-virus").orElseThrow();
        assertThat(elements(dialog.getElement()).map(Element::getText)).anyMatch(t -> t.contains("Anti-Virus INFECTED: found it"));
        assertThat(elements(dialog.getElement()).map(Element::getText)).contains("198.51.100.7");
    }

    @Test
    void auditorsSeeNoHandlingButtonsAndAreRefusedOnTheServer() {
        BackupPage page = page("AUDITOR");
        assertThat(BackupPageTest.<Button>byId(page, BackupPage.DELIVER_ID).isVisible()).isFalse();
        assertThat(BackupPageTest.<Anchor>byId(page, BackupPage.DOWNLOAD_ID).isVisible()).isFalse();
        assertThat(BackupPageTest.<Button>byId(page, BackupPage.DELETE_ID).isVisible()).isFalse();
        assertThatThrownBy(() -> client.deliver("b-virus")).isInstanceOf(AccessDeniedException.class);
        assertThat(page.downloadResponse("b-virus").getError()).isEqualTo(403);
        assertThat(eventsOf("b-virus")).isEmpty();
    }

    @Test
    void helpDeskDeliversAndDownloadsButCannotDelete() throws Exception {
        BackupPage page = page("HELPDESK");
        assertThat(BackupPageTest.<Button>byId(page, BackupPage.DELETE_ID).isVisible()).isFalse();
        select(page, "b-virus");

        Dialog deliver = page.deliverDialog(rowOf(page, "b-virus"));
        footerButton(deliver, BackupPage.DELIVER_CONFIRM_ID).click();
        assertThat(BackupPageTest.<Span>byId(page, BackupPage.STATUS_LINE_ID).getText())
                .isEqualTo("Delivery requested to bob@corp.example");

        DownloadResponse response = page.downloadResponse("b-virus");
        assertThat(response.getFileName()).isEqualTo("b-virus.eml");
        assertThat(response.getContentType()).isEqualTo("message/rfc822");
        assertThat(response.getInputStream().readAllBytes()).isEqualTo(ORIGINAL);

        assertThat(eventsOf("b-virus")).hasSize(3);
        assertThat(eventsOf("b-virus").get(1)).isInstanceOfSatisfying(BackupCopyDeliveryRequestedEvent.class,
                e -> assertThat(e.actor()).isEqualTo("helpdesk"));
        assertThat(eventsOf("b-virus").get(2)).isInstanceOfSatisfying(BackupCopyDownloadedEvent.class,
                e -> assertThat(e.actor()).isEqualTo("helpdesk"));
        assertThatThrownBy(() -> client.delete("b-virus")).isInstanceOf(AccessDeniedException.class);
        assertThat(store.get("b-virus")).isPresent();
    }

    @Test
    void administratorsDelete() {
        BackupPage page = page("ADMINISTRATOR");
        select(page, "b-sandbox");
        assertThat(BackupPageTest.<Button>byId(page, BackupPage.DELETE_ID).isEnabled()).isTrue();

        Dialog delete = page.deleteDialog(rowOf(page, "b-sandbox"));
        footerButton(delete, BackupPage.DELETE_CONFIRM_ID).click();

        assertThat(rows(page)).containsExactly("b-virus");
        assertThat(store.get("b-sandbox")).isEmpty();
        assertThat(eventsOf("b-sandbox")).last().isInstanceOfSatisfying(BackupCopyDeletedEvent.class,
                e -> assertThat(e.actor()).isEqualTo("administrator"));
        assertThat(page.downloadResponse("b-sandbox").getError()).isEqualTo(404);
    }

    private static BackupCopyView rowOf(BackupPage page, String backupId) {
        Grid<BackupCopyView> grid = byId(page, BackupPage.GRID_ID);
        return grid.getGenericDataView().getItems().filter(r -> r.backupId().equals(backupId)).findFirst()
                .orElseThrow();
    }
}
