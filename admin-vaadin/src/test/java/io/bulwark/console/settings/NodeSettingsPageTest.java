package io.bulwark.console.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.bulwark.console.kit.ViewLookup.field;
import static io.bulwark.console.kit.ViewLookup.find;
import static io.bulwark.console.kit.ViewLookup.text;

import com.vaadin.flow.component.button.Button;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.settings.SettingsArea;
import io.bulwark.admin.settings.SettingsAreas;
import io.bulwark.admin.settings.StartValues;
import io.bulwark.console.kit.ViewLookup;
import io.bulwark.events.settings.DnsServerSettings;
import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.ModuleSwitchesSettingsChangedEvent;
import io.bulwark.events.settings.MtaSettings;
import io.bulwark.events.settings.MtaSettingsChangedEvent;
import io.bulwark.events.settings.SettingsIds;
import io.bulwark.events.settings.TlsPolicySettings;
import io.bulwark.events.settings.TlsPolicySettingsChangedEvent;
import java.util.List;
import java.util.Map;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The node settings page without a browser, over the real aggregate and administration. */
class NodeSettingsPageTest {
    private static final StartValues START = new StartValues(new TlsPolicySettings("may", false, "may", Map.of()),
            new MtaSettings(10_240_000, 1000, 100, 10, 300, 300, null), ModuleSwitches.allOn(),
            new DnsServerSettings(List.of(), 10_000));

    private Configuration axon;
    private NodeSettingsClient client;

    @BeforeEach
    void setUp() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(StartValues.class, c -> START)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(SettingsArea.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .buildConfiguration();
        axon.start();
        client = new NodeSettingsClient(SettingsAreas.of(axon.commandGateway(), axon.eventStore(), START));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        axon.shutdown();
    }

    private static void signIn(String role) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(role.toLowerCase(), null,
                "ROLE_" + role));
    }

    private List<Object> events(String area) {
        return axon.eventStore().readEvents(area).asStream().map(m -> (Object) m.getPayload()).toList();
    }

    @Test
    void showsThePropertiesAndSavesATlsPolicyAsOneAuditedChange() {
        signIn("ADMINISTRATOR");
        NodeSettingsPage page = new NodeSettingsPage(client);
        assertThat(ViewLookup.<String>field(page, NodeSettingsPage.TLS_INBOUND_ID).getValue()).isEqualTo("may");
        assertThat(text(page, NodeSettingsPage.TLS_STATUS_ID)).startsWith("From the properties");

        ViewLookup.<String>field(page, NodeSettingsPage.TLS_INBOUND_ID).setValue("encrypt");
        ViewLookup.<Boolean>field(page, NodeSettingsPage.TLS_CLIENT_CERT_ID).setValue(true);
        ViewLookup.<String>field(page, NodeSettingsPage.TLS_PER_DOMAIN_ID)
                .setValue("Partner.Example verify\nbank.example encrypt");
        ((Button) find(page, NodeSettingsPage.TLS_SAVE_ID)).click();

        assertThat(text(page, NodeSettingsPage.TLS_STATUS_ID)).startsWith("Saved: Changed by administrator");
        TlsPolicySettings saved = new TlsPolicySettings("encrypt", true, "may",
                Map.of("partner.example", "verify", "bank.example", "encrypt"));
        assertThat(events(SettingsIds.TLS_POLICY)).singleElement().isInstanceOfSatisfying(
                TlsPolicySettingsChangedEvent.class, e -> {
                    assertThat(e.previous()).isEqualTo(START.tlsPolicy());
                    assertThat(e.settings()).isEqualTo(saved);
                });
    }

    @Test
    void aBadMtaChangeIsRefusedNamingEachProblemAndNothingIsRecorded() {
        signIn("ADMINISTRATOR");
        NodeSettingsPage page = new NodeSettingsPage(client);
        ViewLookup.<Integer>field(page, NodeSettingsPage.MTA_SIZE_ID).setValue(100);
        ViewLookup.<String>field(page, NodeSettingsPage.MTA_BANNER_ID).setValue("not a host!");
        ((Button) find(page, NodeSettingsPage.MTA_SAVE_ID)).click();
        assertThat(text(page, NodeSettingsPage.MTA_STATUS_ID)).contains("maximum message size 100")
                .contains("banner host name 'not a host!'");
        assertThat(events(SettingsIds.MTA)).isEmpty();

        ViewLookup.<Integer>field(page, NodeSettingsPage.MTA_SIZE_ID).setValue(5_000_000);
        ViewLookup.<String>field(page, NodeSettingsPage.MTA_BANNER_ID).setValue("");
        ((Button) find(page, NodeSettingsPage.MTA_SAVE_ID)).click();
        assertThat(events(SettingsIds.MTA)).singleElement().isInstanceOfSatisfying(MtaSettingsChangedEvent.class,
                e -> assertThat(e.settings().maxMessageSize()).isEqualTo(5_000_000));
    }

    @Test
    void aModuleIsSwitchedOffAndDnsServersSaved() {
        signIn("ADMINISTRATOR");
        NodeSettingsPage page = new NodeSettingsPage(client);
        ViewLookup.<Boolean>field(page, NodeSettingsPage.MODULE_IDS.get(1)).setValue(false);
        ((Button) find(page, NodeSettingsPage.MODULES_SAVE_ID)).click();
        assertThat(events(SettingsIds.MODULES)).singleElement().isInstanceOfSatisfying(
                ModuleSwitchesSettingsChangedEvent.class,
                e -> assertThat(e.settings()).isEqualTo(new ModuleSwitches(true, false, true, true, true)));

        ViewLookup.<String>field(page, NodeSettingsPage.DNS_SERVERS_ID).setValue("192.0.2.53\n\n127.0.0.1:5353");
        ViewLookup.<Integer>field(page, NodeSettingsPage.DNS_TIMEOUT_ID).setValue(2000);
        ((Button) find(page, NodeSettingsPage.DNS_SAVE_ID)).click();
        assertThat(client.areas().dns().current().settings())
                .isEqualTo(new DnsServerSettings(List.of("192.0.2.53", "127.0.0.1:5353"), 2000));
    }

    @Test
    void otherRolesSeeTheSettingsReadOnlyWithoutSave() {
        signIn("AUDITOR");
        NodeSettingsPage page = new NodeSettingsPage(client);
        assertThat(find(page, NodeSettingsPage.MTA_SAVE_ID).isVisible()).isFalse();
        assertThat(field(page, NodeSettingsPage.DNS_SERVERS_ID).isReadOnly()).isTrue();
        assertThatThrownBy(() -> client.change(client.areas().modules(), ModuleSwitches.allOn()))
                .isInstanceOf(AccessDeniedException.class);
    }
}
