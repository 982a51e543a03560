package io.bulwark.console.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.dom.Element;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.licence.Licence;
import io.bulwark.admin.licence.LicenceAdministration;
import io.bulwark.admin.licence.LicenceProjection;
import io.bulwark.admin.licence.LocalActivationService;
import io.bulwark.events.licence.LicenceNotice;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.events.licence.LicenceView;
import io.bulwark.scan.licence.LicenceSettings;
import io.bulwark.scan.licence.LicenceVerifier;
import io.bulwark.scan.licence.testing.TestLicences;
import java.nio.file.Path;
import java.time.Clock;
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
 * The licence page and the console's warning banner without a browser, over the real backend
 * (aggregate, projection on a tracking processor, verifier trusting a tool-made authority): a key
 * expiring in 10 days shows the warning in the banner and on the page; a tampered key file pasted in
 * the dialog is refused with its reason; auditors see but cannot change.
 */
class LicencePageTest {

    @TempDir
    Path dir;

    private MongoServer server;
    private MongoClient mongo;
    private Configuration axon;
    private LicenceClient client;
    private TestLicences licences;

    @BeforeEach
    void setUp() throws Exception {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        mongo = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        LicenceProjection projection = new LicenceProjection(mongo.getDatabase("console-licence"));
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Licence.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(LicenceProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> projection))
                .registerQueryHandler(c -> projection)
                .buildConfiguration();
        axon.start();
        licences = new TestLicences(dir);
        client = new LicenceClient(new LicenceAdministration(axon.commandGateway(), axon.queryGateway(),
                new LicenceVerifier(List.of(licences.publicKey())), new LocalActivationService(null),
                LicenceSettings.DEFAULTS, Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        axon.shutdown();
        mongo.close();
        server.shutdownNow();
    }

    private String issue(String number, String... options) {
        return licences.issue(number, options);
    }

    private static void signIn(String role) {
        TestingAuthenticationToken user = new TestingAuthenticationToken(role.toLowerCase(), null, "ROLE_" + role);
        user.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(user);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Component> T byId(Component root, String id) {
        return (T) elements(root.getElement()).filter(e -> id.equals(e.getAttribute("id"))).map(Element::getComponent)
                .flatMap(Optional::stream).findFirst().orElseThrow(() -> new AssertionError("no element " + id));
    }

    private static Stream<Element> elements(Element root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(LicencePageTest::elements));
    }

    private static void confirm(Dialog dialog) {
        elements(dialog.getFooter().getElement()).filter(e -> LicencePage.CONFIRM_ID.equals(e.getAttribute("id")))
                .map(Element::getComponent).flatMap(Optional::stream).map(Button.class::cast).findFirst()
                .orElseThrow().click();
    }

    private static String text(Component root, String id) {
        return ((Span) byId(root, id)).getText();
    }

    private static String keyText(LicencePage page, String id) {
        VerticalLayout key = byId(page, id);
        return key.getChildren().map(c -> ((Span) c).getText()).reduce("", (a, b) -> a + b + "\n");
    }

    private LicencePage page(String role) {
        signIn(role);
        LicencePage page = new LicencePage(client);
        page.refresh();
        return page;
    }

    @Test
    void aKeyExpiringInTenDaysShowsTheWarningInTheBannerAndOnThePage() {
        LicenceBanner banner = new LicenceBanner(client);
        banner.refresh();
        assertThat(banner.isVisible()).as("community mode warns of nothing").isFalse();

        LicencePage page = page("ADMINISTRATOR");
        Dialog add = page.addDialog();
        LicencePageTest.<TextArea>byId(add, LicencePage.KEY_FILE_ID).setValue(issue("BW-10", "--days", "10",
                "--limit", "250"));
        LicencePageTest.<Select<LicenceSlot>>byId(add, LicencePage.SLOT_ID).setValue(LicenceSlot.ACTIVE);
        confirm(add);
        assertThat(text(page, LicencePage.STATUS_ID)).isEqualTo("Licence BW-10 installed as the active key.");

        banner.refresh();
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.shownText()).startsWith("Licence BW-10 expires in 10 days");
        assertThat(text(page, LicencePage.MESSAGE_ID)).startsWith("Licence BW-10 expires in 10 days");
        assertThat(text(page, LicencePage.MODE_ID)).isEqualTo("Mode: commercial (licence BW-10)");
        assertThat(text(page, LicencePage.CAPABILITIES_ID)).contains("Scanning: on", "Database updates: on",
                "Modules restricted by the licence: none");
        assertThat(keyText(page, LicencePage.ACTIVE_ID)).contains("Licence number: BW-10", "Holder: Example Ltd",
                "Licensing unit: 250 mailboxes", "Status: valid, 10 days left", "SHA-256: ");
        assertThat(keyText(page, LicencePage.ADDITIONAL_ID)).isEqualTo("none\n");
        Grid<LicenceView.Notice> notices = byId(page, LicencePage.NOTICES_ID);
        assertThat(notices.getGenericDataView().getItems().map(LicenceView.Notice::notice).toList())
                .containsExactly(LicenceNotice.EXPIRES_SOON);

        // a renewal as the additional key does not change the warning until it takes over
        Dialog renewal = page.addDialog();
        LicencePageTest.<TextArea>byId(renewal, LicencePage.KEY_FILE_ID).setValue(issue("BW-11", "--days", "400",
                "--functionality", "anti-virus"));
        LicencePageTest.<Select<LicenceSlot>>byId(renewal, LicencePage.SLOT_ID).setValue(LicenceSlot.ADDITIONAL);
        confirm(renewal);
        assertThat(keyText(page, LicencePage.ADDITIONAL_ID)).contains("BW-11", "Functionality: anti-virus");
        banner.refresh();
        assertThat(banner.isVisible()).isTrue();

        confirm(page.removeDialog(LicenceSlot.ACTIVE));
        banner.refresh();
        assertThat(banner.isVisible()).as("the renewal took over").isFalse();
        assertThat(text(page, LicencePage.CAPABILITIES_ID)).contains("restricted by the licence: anti-phishing, anti-spam");
    }

    @Test
    void aTamperedKeyFileIsRefusedWithItsReason() {
        LicencePage page = page("ADMINISTRATOR");
        Dialog add = page.addDialog();
        LicencePageTest.<TextArea>byId(add, LicencePage.KEY_FILE_ID).setValue(issue("BW-T", "--days", "30")
                .replace("Unit-Limit: 0", "Unit-Limit: 100000"));
        confirm(add);
        assertThat(text(page, LicencePage.STATUS_ID)).contains("BW-T has been altered",
                "Install the key file exactly as you received it");
        assertThat(text(page, LicencePage.MODE_ID)).isEqualTo("Mode: community");
    }

    @Test
    void auditorsSeeTheLicenceButCannotChangeIt() {
        LicencePage page = page("AUDITOR");
        HorizontalLayout actions = (HorizontalLayout) LicencePageTest.<Button>byId(page, LicencePage.ADD_ID)
                .getParent().orElseThrow();
        assertThat(actions.isVisible()).isFalse();
        assertThatThrownBy(() -> client.install(issue("BW-A", "--days", "30"), LicenceSlot.ACTIVE))
                .isInstanceOf(AccessDeniedException.class);
    }
}
