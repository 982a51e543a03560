package io.bulwark.console.cef;

import static io.bulwark.console.kit.ViewLookup.field;
import static io.bulwark.console.kit.ViewLookup.find;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.cef.CefExport;
import io.bulwark.admin.cef.CefExportAdministration;
import io.bulwark.admin.cef.CefExportHealth;
import io.bulwark.admin.cef.CefExportProperties;
import io.bulwark.admin.cef.CefSettingsSource;
import io.bulwark.console.kit.ViewLookup;
import io.bulwark.events.cef.CefExportSettingsChangedEvent;
import java.time.Clock;
import java.util.List;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The CEF export page without a browser, over the real aggregate and settings source. */
class CefExportPageTest {
    private Configuration axon;
    private CefExportClient client;

    @BeforeEach
    void setUp() {
        CefExportProperties properties = new CefExportProperties(false, "udp://127.0.0.1:514", null, null);
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(CefExportProperties.class, c -> properties)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(CefExport.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .buildConfiguration();
        axon.start();
        CefSettingsSource source = new CefSettingsSource(axon.eventStore(), properties, Clock.systemUTC());
        client = new CefExportClient(new CefExportAdministration(axon.commandGateway(), source,
                new CefExportHealth(event -> { }, "node-a", Clock.systemUTC())));
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

    @Test
    void showsThePropertiesUntilAChangeAndAnAdministratorSavesAnAuditedChange() {
        signIn("ADMINISTRATOR");
        CefExportPage page = new CefExportPage(client);
        assertThat(ViewLookup.<String>field(page, CefExportPage.TARGET_ID).getValue())
                .isEqualTo("udp://127.0.0.1:514");
        assertThat(((Span) find(page, CefExportPage.HEALTH_ID)).getText()).isEqualTo("Export disabled");

        ViewLookup.<Boolean>field(page, CefExportPage.ENABLED_ID).setValue(true);
        ViewLookup.<String>field(page, CefExportPage.TARGET_ID).setValue("tls://siem.example:6514");
        ViewLookup.<String>field(page, CefExportPage.FACILITY_ID).setValue("mail");
        ((Button) find(page, CefExportPage.SAVE_ID)).click();

        assertThat(((Span) find(page, CefExportPage.STATUS_ID)).getText()).isEqualTo("Saved");
        assertThat(((Span) find(page, CefExportPage.HEALTH_ID)).getText()).startsWith("Working");
        List<Object> events = axon.eventStore().readEvents("cef-export-settings").asStream()
                .map(m -> (Object) m.getPayload()).toList();
        assertThat(events).singleElement().isEqualTo(new CefExportSettingsChangedEvent(true, "tls://siem.example:6514",
                "tls", "mail", false, "udp://127.0.0.1:514", "local0", "administrator",
                ((CefExportSettingsChangedEvent) events.getFirst()).at()));
    }

    @Test
    void aBadTargetIsRefusedWithTheReason() {
        signIn("ADMINISTRATOR");
        CefExportPage page = new CefExportPage(client);
        ViewLookup.<Boolean>field(page, CefExportPage.ENABLED_ID).setValue(true);
        ViewLookup.<String>field(page, CefExportPage.TARGET_ID).setValue("siem.example:514");
        ((Button) find(page, CefExportPage.SAVE_ID)).click();
        assertThat(((Span) find(page, CefExportPage.STATUS_ID)).getText()).contains("udp://host:port");
    }

    @Test
    void otherRolesSeeTheSettingsReadOnlyWithoutSave() {
        signIn("AUDITOR");
        CefExportPage page = new CefExportPage(client);
        assertThat(find(page, CefExportPage.SAVE_ID).isVisible()).isFalse();
        assertThat(field(page, CefExportPage.TARGET_ID).isReadOnly()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.change(true, "tcp://x.example:514", "local0"))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
