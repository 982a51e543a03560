package io.bulwark.console.antispam;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.antispam.DnsListAdministration;
import io.bulwark.admin.antispam.DnsListSet;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.dnslist.DnsListDefinition;
import io.bulwark.events.dnslist.DnsListKind;
import java.util.Map;
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

/** The DNS block lists page without a browser, over the real aggregate and service on an in-memory store. */
class DnsListsPageTest {
    private Configuration axon;
    private DnsListsClient client;

    @BeforeEach
    void setUp() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(DnsListSet.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .buildConfiguration();
        axon.start();
        client = new DnsListsClient(new DnsListAdministration(axon.commandGateway(), axon.eventStore()));
        signIn("alice", "ADMINISTRATOR");
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        axon.shutdown();
    }

    private static void signIn(String user, String role) {
        TestingAuthenticationToken token = new TestingAuthenticationToken(user, null, "ROLE_" + role);
        token.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(token);
    }

    private static DnsListsPage page(DnsListsClient client) {
        DnsListsPage page = new DnsListsPage(client);
        page.refresh();
        return page;
    }

    @Test
    void givenAnAdministratorWhenAListIsFilledInAndSavedThenItIsListedAndCanBeChangedAndRemoved() {
        DnsListsPage page = page(client);
        page.symbol.setValue("RBL_EXAMPLE");
        page.kind.setValue(DnsListKind.DNSBL);
        page.zone.setValue("bl.example.org");
        page.codes.setValue("127.0.0.2 = spam source\n127.0.0.4 = exploited host");
        page.weight.setValue(35.0);
        page.save.click();

        DnsListDefinition added = new DnsListDefinition("RBL_EXAMPLE", DnsListKind.DNSBL, "bl.example.org",
                Map.of("127.0.0.2", "spam source", "127.0.0.4", "exploited host"), 35, true, false, true);
        assertThat(page.grid.getGenericDataView().getItems()).containsExactly(added);
        assertThat(page.status.getText()).isEqualTo("Added RBL_EXAMPLE");

        page.grid.select(added);
        assertThat(page.symbol.isReadOnly()).isTrue();
        assertThat(page.save.getText()).isEqualTo("Save changes");
        page.enabled.setValue(false);
        page.save.click();
        assertThat(client.lists().lists()).singleElement().satisfies(l -> assertThat(l.enabled()).isFalse());

        page.grid.select(client.lists().lists().getFirst());
        page.remove.click();
        assertThat(page.grid.getGenericDataView().getItems()).isEmpty();
        assertThat(client.lists().configured()).isTrue();
    }

    @Test
    void givenAnInvalidListWhenSavedThenTheStatusSaysWhatIsWrong() {
        DnsListsPage page = page(client);
        page.symbol.setValue("RBL_BAD");
        page.zone.setValue("not a zone");
        page.save.click();
        assertThat(page.status.getText()).contains("zone 'not a zone' is not a DNS zone");

        page.zone.setValue("bl.example.org");
        page.codes.setValue("127.0.0.2 spam");
        page.save.click();
        assertThat(page.status.getText()).isEqualTo("Return codes: one '127.0.0.2 = meaning' per line");
        assertThat(client.lists().lists()).isEmpty();
    }

    @Test
    void givenAnAuditorWhenThePageOpensThenTheListsAreReadOnly() {
        client.add(new DnsListDefinition("URIBL_X", DnsListKind.URIBL, "uri.example.org", Map.of(), 40, false, false,
                true));
        signIn("audrey", "AUDITOR");
        DnsListsPage page = page(client);
        assertThat(page.grid.getGenericDataView().getItems()).hasSize(1);
        assertThat(page.save.getParent().flatMap(p -> p.getParent()).orElseThrow().isVisible()).isFalse();
    }
}
