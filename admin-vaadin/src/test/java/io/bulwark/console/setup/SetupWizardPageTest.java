package io.bulwark.console.setup;

import static io.bulwark.console.kit.PageQueries.signIn;
import static io.bulwark.console.kit.PageQueries.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.settings.NextHopCheck;
import io.bulwark.admin.settings.RoutingConfiguration;
import io.bulwark.admin.settings.RoutingDefaults;
import io.bulwark.admin.settings.RoutingSettingsAdministration;
import io.bulwark.console.kit.PageQueries;
import io.bulwark.events.settings.RoutingSettings;
import io.bulwark.events.settings.RoutingSettingsChangedEvent;
import io.bulwark.events.settings.SettingsIds;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The Quick Setup Wizard without a browser, over the real routing aggregate and administration on
 * Axon's in-memory store, with its checks against a loopback DNS server and a loopback SMTP
 * listener: every step refuses what is wrong, and Apply records exactly one routing change.
 */
class SetupWizardPageTest {
    private LoopbackDnsServer dns;
    private ServerSocket mailServer;
    private Thread answering;
    private Configuration axon;
    private SetupClient client;

    @BeforeEach
    void setUp() throws IOException {
        dns = new LoopbackDnsServer().mx("example.org", 10, "mx.example.org");
        mailServer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        answering = Thread.ofVirtual().start(this::answerSmtp);
        RoutingDefaults defaults = new RoutingDefaults(RoutingSettings.empty());
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(ParameterResolverFactory.class, c -> MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(RoutingConfiguration.class),
                        new SimpleResourceParameterResolverFactory(List.of(defaults))))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(RoutingConfiguration.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .buildConfiguration();
        axon.start();
        RoutingSettingsAdministration routing = new RoutingSettingsAdministration(axon.commandGateway(),
                axon.eventStore(), defaults);
        NextHopCheck check = new NextHopCheck(DnsjavaLookup.create(new DnsSettings(List.of(dns.address()),
                Duration.ofSeconds(2), 1_000, Duration.ZERO, Duration.ZERO)), Duration.ofSeconds(2), "console.test");
        client = new SetupClient(routing, check);
    }

    /** A mail server that greets, accepts EHLO and says goodbye: what the check needs to see. */
    private void answerSmtp() {
        while (!mailServer.isClosed()) {
            try (Socket s = mailServer.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                out.write("220 mail.example.org ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("QUIT")) {
                        out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                        break;
                    }
                    out.write("250-mail.example.org\r\n250 8BITMIME\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        SecurityContextHolder.clearContext();
        axon.shutdown();
        mailServer.close();
        answering.join();
        dns.close();
    }

    private static void enter(SetupWizardPage page, String text) {
        PageQueries.<TextArea>byId(page, SetupWizardPage.FIELD_ID).setValue(text);
        page.next();
    }

    /** A loopback port nobody listens on: the check must report the refusal, not hang. */
    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long routingEvents() {
        return axon.eventStore().readEvents(SettingsIds.ROUTING).asStream()
                .filter(e -> e.getPayload() instanceof RoutingSettingsChangedEvent).count();
    }

    @Test
    void behindAnEdgeWithVerificationEveryStepRefusesWhatIsWrongAndApplyRecordsOneChange() {
        signIn("root", "ADMINISTRATOR");
        assertThat(client.needsSetup()).isTrue();
        String hop = "[127.0.0.1]:" + mailServer.getLocalPort();
        SetupWizardPage page = new SetupWizardPage(client);
        PageQueries.<RadioButtonGroup<IntegrationMode>>byId(page, SetupWizardPage.MODE_ID)
                .setValue(IntegrationMode.EDGE_WITH_VERIFICATION);
        page.next();
        assertThat(page.step()).isEqualTo(SetupStep.RELAY_DOMAINS);

        enter(page, "example.org\nnot a domain!");
        assertThat(page.step()).isEqualTo(SetupStep.RELAY_DOMAINS);
        assertThat(text(page, SetupWizardPage.STATUS_ID)).contains("relay domain 'domain!' is not a domain name");
        enter(page, "Example.org");
        assertThat(page.step()).isEqualTo(SetupStep.TRANSPORT_MAP);
        assertThat(text(page, SetupWizardPage.CHECKS_ID)).contains("✔ example.org MX 10 mx.example.org");

        enter(page, "other.example [127.0.0.1]:99999");
        assertThat(text(page, SetupWizardPage.STATUS_ID)).contains("port out of range")
                .contains("relay domain example.org has no next hop");
        enter(page, "example.org " + hop);
        assertThat(page.step()).isEqualTo(SetupStep.RELAYHOST);
        assertThat(text(page, SetupWizardPage.CHECKS_ID)).contains("✔ " + hop + " answers: 220 mail.example.org ESMTP");

        enter(page, "");
        assertThat(text(page, SetupWizardPage.STATUS_ID)).contains("Enter the edge gateway");
        String edge = "[127.0.0.2]:" + closedPort();
        enter(page, edge);
        assertThat(page.step()).isEqualTo(SetupStep.MYNETWORKS);
        assertThat(text(page, SetupWizardPage.CHECKS_ID)).contains("⚠ " + edge + " does not answer");

        enter(page, "10.0.0.0/8");
        assertThat(text(page, SetupWizardPage.STATUS_ID)).contains("the edge gateway 127.0.0.2 is not in a trusted network");
        enter(page, "10.0.0.0/8 127.0.0.0/8");
        assertThat(page.step()).isEqualTo(SetupStep.SUMMARY);
        assertThat(text(page, SetupWizardPage.SUMMARY_ID))
                .contains("Relay domains: [] → [example.org]", "Relayhost: MX routing → " + edge,
                        "first untrusted hop");
        assertThat(routingEvents()).isZero();

        page.apply();
        assertThat(text(page, SetupWizardPage.STATUS_ID)).startsWith("Applied");
        assertThat(routingEvents()).isEqualTo(1);
        RoutingSettingsAdministration.Current now = client.current();
        assertThat(now.source()).isEqualTo("console");
        assertThat(now.changedBy()).isEqualTo("root");
        assertThat(now.settings()).isEqualTo(new RoutingSettings(List.of("example.org"),
                List.of("10.0.0.0/8", "127.0.0.0/8"), edge, Map.of("example.org", hop), List.of("example.org")));
        assertThat(client.needsSetup()).isFalse();
    }

    @Test
    void backKeepsWhatWasEnteredAndAHelpDeskAccountCannotApply() {
        signIn("desk", "HELPDESK");
        SetupWizardPage page = new SetupWizardPage(client);
        PageQueries.<RadioButtonGroup<IntegrationMode>>byId(page, SetupWizardPage.MODE_ID)
                .setValue(IntegrationMode.EDGE_WITHOUT_VERIFICATION);
        page.next();
        assertThat(page.step()).isEqualTo(SetupStep.TRANSPORT_MAP);
        enter(page, "example.org [127.0.0.1]:" + mailServer.getLocalPort());
        page.back();
        assertThat(PageQueries.<TextArea>byId(page, SetupWizardPage.FIELD_ID).getValue())
                .isEqualTo("example.org [127.0.0.1]:" + mailServer.getLocalPort());
        page.next();
        enter(page, "[127.0.0.1]:" + mailServer.getLocalPort());
        enter(page, "127.0.0.1");
        assertThat(page.step()).isEqualTo(SetupStep.SUMMARY);
        page.apply();
        assertThat(PageQueries.<Span>byId(page, SetupWizardPage.STATUS_ID).getText())
                .isEqualTo("Only an administrator changes the routing");
        assertThat(routingEvents()).isZero();
    }
}
