package io.bulwark.console.tls;

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
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.tls.CertificateAdministration;
import io.bulwark.admin.tls.CertificatesProjection;
import io.bulwark.store.secrets.MasterKey;
import io.bulwark.admin.tls.TlsCertificates;
import io.bulwark.admin.tls.TlsKeyVault;
import io.bulwark.events.tls.CertificateDetails;
import io.bulwark.events.tls.CertificateView;
import io.bulwark.events.tls.TlsKeyType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
 * The certificates page without a browser, over the real backend: aggregate, list projection on a
 * tracking processor, key vault on an in-memory MongoDB, and the service.
 */
class CertificatesPageTest {

    @TempDir
    Path dir;

    private MongoServer server;
    private MongoClient mongo;
    private Configuration axon;
    private CertificatesClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        mongo = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        var database = mongo.getDatabase("console-tls");
        CertificatesProjection projection = new CertificatesProjection(database);
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(TlsCertificates.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(CertificatesProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> projection))
                .registerQueryHandler(c -> projection)
                .buildConfiguration();
        axon.start();
        TlsKeyVault vault = new TlsKeyVault(database, MasterKey.loadOrCreate(dir.resolve("master.key")));
        client = new CertificatesClient(new CertificateAdministration(axon.commandGateway(), axon.queryGateway(), vault,
                Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        axon.shutdown();
        mongo.close();
        server.shutdownNow();
    }

    private static void signIn(String role) {
        TestingAuthenticationToken user = new TestingAuthenticationToken(role.toLowerCase(), null, "ROLE_" + role);
        user.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(user);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Component> T byId(Element root, String id) {
        return (T) elements(root).filter(e -> id.equals(e.getAttribute("id"))).map(Element::getComponent)
                .flatMap(Optional::stream).findFirst().orElseThrow(() -> new AssertionError("no element " + id));
    }

    private static <T extends Component> T byId(Component root, String id) {
        return byId(root.getElement(), id);
    }

    private static Stream<Element> elements(Element root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(CertificatesPageTest::elements));
    }

    private static void confirm(Dialog dialog) {
        CertificatesPageTest.<Button>byId(dialog.getFooter().getElement(), CertificatesPage.CONFIRM_ID).click();
    }

    private static List<CertificateView> rows(CertificatesPage page) {
        Grid<CertificateView> grid = byId(page, CertificatesPage.GRID_ID);
        return grid.getGenericDataView().getItems().toList();
    }

    private static String status(CertificatesPage page) {
        return CertificatesPageTest.<Span>byId(page, CertificatesPage.STATUS_ID).getText();
    }

    private CertificatesPage page(String role) {
        signIn(role);
        CertificatesPage page = new CertificatesPage(client);
        page.refresh();
        return page;
    }

    @Test
    void createsASelfSignedCertificateAndActivatesIt() {
        CertificatesPage page = page("ADMINISTRATOR");
        Dialog dialog = page.selfSignedDialog();
        CertificatesPageTest.<TextField>byId(dialog, CertificatesPage.CN_ID).setValue("mx.example.com");
        CertificatesPageTest.<TextArea>byId(dialog, CertificatesPage.SANS_ID).setValue("mx.example.com\nmail.example.com");
        CertificatesPageTest.<IntegerField>byId(dialog, CertificatesPage.DAYS_ID).setValue(10);
        CertificatesPageTest.<Select<TlsKeyType>>byId(dialog, CertificatesPage.KEY_TYPE_ID).setValue(TlsKeyType.EC_P256);
        confirm(dialog);
        assertThat(status(page)).contains("created");
        CertificateView created = rows(page).getFirst();
        assertThat(created.details().subjectAltNames()).containsExactly("mx.example.com", "mail.example.com");
        assertThat(CertificatesPage.expiresSoon(created)).isTrue(); // 10 days: highlighted

        Grid<CertificateView> grid = byId(page, CertificatesPage.GRID_ID);
        grid.select(created);
        assertThat(CertificatesPageTest.<Button>byId(page, CertificatesPage.ACTIVATE_ID).isEnabled()).isTrue();
        CertificatesPageTest.<Button>byId(page, CertificatesPage.ACTIVATE_ID).click();
        assertThat(status(page)).contains("Activated");
        assertThat(rows(page).getFirst().status()).isEqualTo("ACTIVE");
    }

    @Test
    void aCsrIsShownAndARefusalIsReportedInThePage() {
        CertificatesPage page = page("ADMINISTRATOR");
        Dialog dialog = page.csrDialog();
        CertificatesPageTest.<TextField>byId(dialog, CertificatesPage.CN_ID).setValue("mx2.example.com");
        confirm(dialog);
        CertificateView pending = rows(page).getFirst();
        assertThat(pending.status()).isEqualTo("PENDING");
        Dialog pem = page.csrPemDialog(pending.certificateId(), null);
        assertThat(CertificatesPageTest.<TextArea>byId(pem, CertificatesPage.CSR_PEM_ID).getValue())
                .contains("BEGIN CERTIFICATE REQUEST");

        Dialog install = page.installDialog(pending);
        CertificatesPageTest.<TextArea>byId(install, CertificatesPage.CHAIN_ID).setValue("not a certificate");
        confirm(install);
        assertThat(status(page)).contains("certificate");
        assertThat(rows(page).getFirst().status()).isEqualTo("PENDING");
    }

    @Test
    void expiryIsHighlightedBelowThirtyDays() {
        CertificateDetails details = new CertificateDetails("CN=a", "CN=a", List.of("a"), "1", Instant.EPOCH,
                Instant.now(), "FP", "RSA 2048", 1);
        assertThat(CertificatesPage.expiresSoon(new CertificateView("c", "READY", "IMPORTED", details, null,
                Instant.EPOCH, "admin", null, 29L))).isTrue();
        assertThat(CertificatesPage.expiresSoon(new CertificateView("c", "READY", "IMPORTED", details, null,
                Instant.EPOCH, "admin", null, 30L))).isFalse();
        assertThat(CertificatesPage.daysLeft(new CertificateView("c", "READY", "IMPORTED", details, null,
                Instant.EPOCH, "admin", null, -2L)).getText()).isEqualTo("expired");
    }

    @Test
    void readOnlyRolesSeeTheListButNoControls() {
        signIn("ADMINISTRATOR");
        client.createSelfSigned("mx3.example.com", List.of(), 100, TlsKeyType.RSA_2048);
        CertificatesPage page = page("AUDITOR");
        assertThat(CertificatesPageTest.<Button>byId(page, CertificatesPage.SELF_SIGNED_ID).getParent().orElseThrow()
                .isVisible()).isFalse();
        assertThat(rows(page)).isNotEmpty();
        assertThatThrownBy(() -> client.createSelfSigned("x.example.com", List.of(), 10, TlsKeyType.RSA_2048))
                .isInstanceOf(AccessDeniedException.class);
    }
}
