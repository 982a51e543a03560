package io.bulwark.admin.antispam;

import static org.hamcrest.Matchers.containsString;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.dnslist.AddDnsListCommand;
import io.bulwark.events.dnslist.DnsListAddedEvent;
import io.bulwark.events.dnslist.DnsListDefinition;
import io.bulwark.events.dnslist.DnsListEditedEvent;
import io.bulwark.events.dnslist.DnsListKind;
import io.bulwark.events.dnslist.DnsListRemovedEvent;
import io.bulwark.events.dnslist.DnsListsSeededEvent;
import io.bulwark.events.dnslist.EditDnsListCommand;
import io.bulwark.events.dnslist.RemoveDnsListCommand;
import io.bulwark.events.dnslist.SeedDnsListsCommand;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every command path of the custom DNS lists, given-when-then. */
class DnsListSetTest {
    private static final String ADMIN = "admin";
    private static final DnsListDefinition RBL = new DnsListDefinition("RBL_EXAMPLE", DnsListKind.DNSBL,
            "bl.example.org", Map.of("127.0.0.2", "spam source"), 30, true, false, true);
    private static final DnsListDefinition URI = new DnsListDefinition("URIBL_EXAMPLE", DnsListKind.URIBL,
            "uri.example.org", Map.of(), 40, false, false, true);

    private AggregateTestFixture<DnsListSet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DnsListSet.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    @Test
    void givenNothingWhenTheFirstStartSeedsThenThePropertiesListsAreRecorded() {
        fixture.givenNoPriorActivity()
                .when(new SeedDnsListsCommand(List.of(RBL, URI), "properties", "configuration"))
                .expectEvents(new DnsListsSeededEvent(List.of(RBL, URI), "properties", "configuration",
                        fixture.currentTime()));
    }

    @Test
    void givenNoPropertiesWhenTheFirstStartSeedsThenAnEmptySeedingMarksTheListsConfigured() {
        fixture.givenNoPriorActivity()
                .when(new SeedDnsListsCommand(List.of(), "properties", "configuration"))
                .expectEvents(new DnsListsSeededEvent(List.of(), "properties", "configuration", fixture.currentTime()));
    }

    @Test
    void givenAnAdministratorsChangeWhenALaterStartSeedsThenThePropertiesAreIgnored() {
        fixture.given(new DnsListAddedEvent(URI, ADMIN, fixture.currentTime()))
                .when(new SeedDnsListsCommand(List.of(RBL), "properties", "configuration"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenSeededListsWhenAnAdministratorAddsOneThenItIsAdded() {
        fixture.given(new DnsListsSeededEvent(List.of(RBL), "properties", "configuration", fixture.currentTime()))
                .when(new AddDnsListCommand(URI, ADMIN))
                .expectEvents(new DnsListAddedEvent(URI, ADMIN, fixture.currentTime()));
    }

    @Test
    void givenAListWhenTheSameSymbolIsAddedThenItIsRefused() {
        fixture.given(new DnsListAddedEvent(RBL, ADMIN, fixture.currentTime()))
                .when(new AddDnsListCommand(new DnsListDefinition("RBL_EXAMPLE", DnsListKind.DNSBL, "other.example.org",
                        Map.of(), 10, true, false, true), ADMIN))
                .expectException(DnsListTakenException.class)
                .expectExceptionMessage(containsString("RBL_EXAMPLE exists already"))
                .expectNoEvents();
    }

    @Test
    void givenAListWhenAnotherSymbolAsksTheSameZoneThenItIsRefused() {
        fixture.given(new DnsListAddedEvent(RBL, ADMIN, fixture.currentTime()))
                .when(new AddDnsListCommand(new DnsListDefinition("RBL_TWICE", DnsListKind.DNSBL, "bl.example.org.",
                        Map.of(), 10, true, false, true), ADMIN))
                .expectException(DnsListTakenException.class)
                .expectExceptionMessage(containsString("asked already by RBL_EXAMPLE"))
                .expectNoEvents();
    }

    @Test
    void givenNothingWhenAnInvalidListIsAddedThenEveryProblemIsNamed() {
        fixture.givenNoPriorActivity()
                .when(new AddDnsListCommand(new DnsListDefinition("rbl lower", DnsListKind.URIBL, "not a zone",
                        Map.of("10.0.0.1", "x"), 300, true, true, true), ADMIN))
                .expectException(InvalidDnsListException.class)
                .expectExceptionMessage(containsString("symbol 'rbl lower'"))
                .expectExceptionMessage(containsString("zone 'not a zone'"))
                .expectExceptionMessage(containsString("'10.0.0.1' is not an address in 127.0.0.0/8"))
                .expectExceptionMessage(containsString("weight 300.0 is outside -100..100"))
                .expectExceptionMessage(containsString("deep applies to address lists (DNSBL) only"))
                .expectNoEvents();
    }

    @Test
    void givenNothingWhenAListIsAddedWithoutAnActorThenItIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new AddDnsListCommand(RBL, " "))
                .expectException(InvalidDnsListException.class)
                .expectNoEvents();
    }

    @Test
    void givenAListWhenItIsEditedThenTheEventHasTheOldAndTheNewSettings() {
        DnsListDefinition heavier = new DnsListDefinition("RBL_EXAMPLE", DnsListKind.DNSBL, "bl.example.org",
                Map.of("127.0.0.2", "spam source", "127.0.0.4", "exploited host"), 35, true, true, false);
        fixture.given(new DnsListAddedEvent(RBL, ADMIN, fixture.currentTime()))
                .when(new EditDnsListCommand("RBL_EXAMPLE", heavier, ADMIN))
                .expectEvents(new DnsListEditedEvent(RBL, heavier, ADMIN, fixture.currentTime()));
    }

    @Test
    void givenAListWhenItIsEditedWithoutChangeThenNothingIsRecorded() {
        fixture.given(new DnsListAddedEvent(RBL, ADMIN, fixture.currentTime()))
                .when(new EditDnsListCommand("RBL_EXAMPLE", RBL, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenAListWhenAnEditChangesItsSymbolThenItIsRefused() {
        fixture.given(new DnsListAddedEvent(RBL, ADMIN, fixture.currentTime()))
                .when(new EditDnsListCommand("RBL_EXAMPLE", new DnsListDefinition("RBL_OTHER", DnsListKind.DNSBL,
                        "bl.example.org", Map.of(), 30, true, false, true), ADMIN))
                .expectException(InvalidDnsListException.class)
                .expectExceptionMessage(containsString("cannot change"))
                .expectNoEvents();
    }

    @Test
    void givenNoSuchListWhenItIsRemovedThenItIsUnknown() {
        fixture.given(new DnsListAddedEvent(RBL, ADMIN, fixture.currentTime()))
                .when(new RemoveDnsListCommand("RBL_MISSING", ADMIN))
                .expectException(UnknownDnsListException.class)
                .expectNoEvents();
    }

    @Test
    void givenNoSuchListWhenItIsEditedThenItIsUnknown() {
        fixture.given(new DnsListAddedEvent(RBL, ADMIN, fixture.currentTime()))
                .when(new EditDnsListCommand("RBL_MISSING", RBL, ADMIN))
                .expectException(UnknownDnsListException.class)
                .expectNoEvents();
    }

    @Test
    void givenAListWhenItIsRemovedThenTheEventKeepsWhatItWas() {
        fixture.given(new DnsListAddedEvent(RBL, ADMIN, fixture.currentTime()),
                        new DnsListAddedEvent(URI, ADMIN, fixture.currentTime()))
                .when(new RemoveDnsListCommand("RBL_EXAMPLE", ADMIN))
                .expectEvents(new DnsListRemovedEvent(RBL, ADMIN, fixture.currentTime()));
    }

    @Test
    void givenPropertiesWithTheSameSymbolTwiceWhenSeedingThenItIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new SeedDnsListsCommand(List.of(RBL, RBL), "properties", "configuration"))
                .expectException(DnsListTakenException.class)
                .expectNoEvents();
    }
}
