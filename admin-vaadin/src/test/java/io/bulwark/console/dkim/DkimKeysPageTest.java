package io.bulwark.console.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.dkim.DkimKeyAdministration;
import io.bulwark.admin.dkim.DkimKeyVault;
import io.bulwark.admin.dkim.DkimKeysProjection;
import io.bulwark.admin.dkim.DkimSigningKeys;
import io.bulwark.admin.dkim.SenderRecords;
import io.bulwark.events.dkim.DkimKeyView;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.store.secrets.MasterKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The DKIM keys page without a browser, over the real backend: aggregate, list projection on a
 * tracking processor, key vault on an in-memory MongoDB, the service, and a real DNS server on
 * loopback for "Check DNS".
 */
class DkimKeysPageTest {

    @TempDir
    Path dir;

    private MongoServer server;
    private MongoClient mongo;
    private Configuration axon;
    private LoopbackDnsServer dns;
    private DkimKeysClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        mongo = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        var database = mongo.getDatabase("console-dkim");
        DkimKeysProjection projection = new DkimKeysProjection(database);
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(DkimSigningKeys.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(DkimKeysProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> projection))
                .registerQueryHandler(c -> projection)
                .buildConfiguration();
        axon.start();
        dns = new LoopbackDnsServer();
        DkimKeyVault vault = new DkimKeyVault(database, MasterKey.loadOrCreate(dir.resolve("master.key")));
        client = new DkimKeysClient(new DkimKeyAdministration(axon.commandGateway(), axon.queryGateway(), vault,
                DnsjavaLookup.create(new DnsSettings(List.of(dns.address()), Duration.ofSeconds(1), 100, Duration.ZERO,
                        Duration.ZERO)), new SenderRecords(List.of())));
    }

    @AfterEach
    void tearDown() throws Exception {
        SecurityContextHolder.clearContext();
        axon.shutdown();
        mongo.close();
        server.shutdownNow();
        dns.close();
    }

    private static void signIn(String role) {
        TestingAuthenticationToken user = new TestingAuthenticationToken(role.toLowerCase(), null, "ROLE_" + role);
        user.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(user);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Component> T byId(Component root, String id) {
        return byId(root.getElement(), id);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Component> T byId(Element root, String id) {
        return (T) elements(root).filter(e -> id.equals(e.getAttribute("id"))).map(Element::getComponent)
                .flatMap(Optional::stream).findFirst().orElseThrow(() -> new AssertionError("no element " + id));
    }

    private static Stream<Element> elements(Element root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(DkimKeysPageTest::elements));
    }

    private static void confirm(Dialog dialog) {
        DkimKeysPageTest.<Button>byId(dialog.getFooter().getElement(), DkimKeysPage.CONFIRM_ID).click();
    }

    private static List<DkimKeyView> rows(DkimKeysPage page) {
        Grid<DkimKeyView> grid = byId(page, DkimKeysPage.GRID_ID);
        return grid.getGenericDataView().getItems().toList();
    }

    private static String text(Component root, String id) {
        Component component = byId(root, id);
        return component instanceof Span span ? span.getText()
                : component instanceof TextArea area ? area.getValue() : ((TextField) component).getValue();
    }

    private DkimKeysPage page(String role) {
        signIn(role);
        DkimKeysPage page = new DkimKeysPage(client);
        page.refresh();
        return page;
    }

    private static void create(DkimKeysPage page, String domain, String selector, String algorithm) {
        Dialog dialog = page.createDialog();
        DkimKeysPageTest.<TextField>byId(dialog, DkimKeysPage.DOMAIN_ID).setValue(domain);
        DkimKeysPageTest.<TextField>byId(dialog, DkimKeysPage.SELECTOR_ID).setValue(selector);
        DkimKeysPageTest.<Select<String>>byId(dialog, DkimKeysPage.ALGORITHM_ID).setValue(algorithm);
        confirm(dialog);
    }

    @Test
    void createsAKeyShowsItsRecordAndSuggestionsAndChecksDns() {
        DkimKeysPage page = page("ADMINISTRATOR");
        create(page, "Corp.Example", "s2026", "ed25519");
        assertThat(text(page, DkimKeysPage.STATUS_ID)).contains("Key created");
        DkimKeyView key = rows(page).getFirst();
        assertThat(key.domain()).isEqualTo("corp.example");
        assertThat(key.active()).isTrue();
        // the new key is selected: its record is shown to copy
        assertThat(text(page, DkimKeysPage.DNS_NAME_ID)).isEqualTo("s2026._domainkey.corp.example");
        assertThat(text(page, DkimKeysPage.DNS_RECORD_ID)).isEqualTo(key.dnsRecord()).startsWith("v=DKIM1; k=ed25519;");
        assertThat(text(page, DkimKeysPage.SPF_ID)).isEqualTo("v=spf1 mx ~all");
        assertThat(text(page, DkimKeysPage.DMARC_NAME_ID)).isEqualTo("_dmarc.corp.example");
        assertThat(text(page, DkimKeysPage.DMARC_ID)).contains("p=quarantine").contains("dmarc@corp.example");

        DkimKeysPageTest.<Button>byId(page, DkimKeysPage.CHECK_ID).click();
        assertThat(text(page, DkimKeysPage.CHECK_RESULT_ID)).startsWith("missing");
        dns.txt("s2026._domainkey.corp.example", key.dnsRecord());
        DkimKeysPageTest.<Button>byId(page, DkimKeysPage.CHECK_ID).click();
        assertThat(text(page, DkimKeysPage.CHECK_RESULT_ID)).startsWith("published");
    }

    @Test
    void rotationKeepsTheOldKeyListedUntilItIsDeleted() {
        DkimKeysPage page = page("ADMINISTRATOR");
        create(page, "corp.example", "s1", "ed25519");
        create(page, "corp.example", "s2", "ed25519");
        assertThat(rows(page)).extracting(DkimKeyView::selector).containsExactly("s2", "s1");
        assertThat(rows(page)).extracting(DkimKeyView::active).containsExactly(true, false);

        create(page, "corp.example", "s1", "rsa-2048");
        assertThat(text(page, DkimKeysPage.STATUS_ID)).contains("s1");
        assertThat(rows(page)).hasSize(2);

        DkimKeyView old = rows(page).get(1);
        confirm(page.deleteDialog(old));
        assertThat(text(page, DkimKeysPage.STATUS_ID)).contains("deleted");
        assertThat(rows(page)).extracting(DkimKeyView::selector).containsExactly("s2");
    }

    @Test
    void readOnlyRolesSeeTheListButNoControls() {
        signIn("ADMINISTRATOR");
        client.create("corp.example", "s1", "ed25519");
        DkimKeysPage page = page("AUDITOR");
        assertThat(DkimKeysPageTest.<Button>byId(page, DkimKeysPage.CREATE_ID).getParent().orElseThrow().isVisible())
                .isFalse();
        assertThat(rows(page)).hasSize(1);
        assertThatThrownBy(() -> client.create("corp.example", "s2", "ed25519"))
                .isInstanceOf(AccessDeniedException.class);
    }
}
