package io.bulwark.admin.dkim;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.dkim.CreateDkimKeyCommand;
import io.bulwark.events.dkim.DeleteDkimKeyCommand;
import io.bulwark.events.dkim.DkimKeyCreatedEvent;
import io.bulwark.events.dkim.DkimKeyDeletedEvent;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Given-when-then for every DKIM key command, refusals included. */
class DkimSigningKeysTest {
    private static final String ADMIN = "admin";
    private static final String RECORD = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    private AggregateTestFixture<DkimSigningKeys> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DkimSigningKeys.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    private static CreateDkimKeyCommand create(String id, String domain, String selector) {
        return new CreateDkimKeyCommand(id, domain, selector, "ed25519", "GENERATED", RECORD, List.of(), null, null,
                ADMIN);
    }

    private DkimKeyCreatedEvent created(String id, String domain, String selector) {
        return new DkimKeyCreatedEvent(id, domain, selector, "ed25519", "GENERATED", RECORD, List.of(), null, null,
                ADMIN, fixture.currentTime());
    }

    @Test
    void createsAKeyWithTheDomainInLowerCase() {
        fixture.givenNoPriorActivity()
                .when(new CreateDkimKeyCommand("k1", "Example.COM.", "sel-2026", "rsa-2048", "GENERATED", RECORD,
                        List.of("From", "Subject"), "Relaxed/Simple", 7, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DkimKeyCreatedEvent("k1", "example.com", "sel-2026", "rsa-2048", "GENERATED", RECORD,
                        List.of("From", "Subject"), "relaxed/simple", 7, ADMIN, fixture.currentTime()));
    }

    @Test
    void aSecondSelectorForTheDomainIsARotation() {
        fixture.given(created("k1", "example.com", "s1"))
                .when(create("k2", "example.com", "s2"))
                .expectEvents(created("k2", "example.com", "s2"));
    }

    @Test
    void refusesTheSameDomainAndSelectorTwiceWhateverTheCase() {
        fixture.given(created("k1", "example.com", "s1"))
                .when(create("k2", "EXAMPLE.com", "S1"))
                .expectException(DkimKeyConflictException.class)
                .expectNoEvents();
    }

    @Test
    void theSelectorOfADeletedKeyCanBeUsedAgain() {
        fixture.given(created("k1", "example.com", "s1"),
                        new DkimKeyDeletedEvent("k1", "example.com", "s1", ADMIN, fixture.currentTime()))
                .when(create("k2", "example.com", "s1"))
                .expectEvents(created("k2", "example.com", "s1"));
    }

    @Test
    void refusesAnExistingKeyId() {
        fixture.given(created("k1", "example.com", "s1"))
                .when(create("k1", "example.org", "s1"))
                .expectException(DkimKeyConflictException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-sel", "sel-", "se l", "sel_1", "sel..x", ".sel", "sel.", "s\u00e9l",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void refusesSelectorsOutsideRfc6376Section31(String selector) {
        fixture.givenNoPriorActivity()
                .when(create("k1", "example.com", selector))
                .expectException(InvalidDkimKeyException.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026.q1", "s1", "mail-2026-01", "a.b.c"})
    void acceptsDottedAndHyphenatedSelectors(String selector) {
        fixture.givenNoPriorActivity()
                .when(create("k1", "example.com", selector))
                .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "exa mple.com", "-example.com", "example..com", "192.0.2.1",
            "ex_ample.com", "b\u00fccher.example"})
    void refusesDomainsThatAreNotDnsNames(String domain) {
        fixture.givenNoPriorActivity()
                .when(create("k1", domain, "s1"))
                .expectException(InvalidDkimKeyException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAnUnknownAlgorithmHeadersWithoutFromABadCanonicalizationAndValidity() {
        fixture.givenNoPriorActivity()
                .when(new CreateDkimKeyCommand("k1", "example.com", "s1", "rsa-1024", "GENERATED", RECORD, List.of(),
                        null, null, ADMIN))
                .expectException(InvalidDkimKeyException.class);
        fixture.givenNoPriorActivity()
                .when(new CreateDkimKeyCommand("k1", "example.com", "s1", "ed25519", "GENERATED", RECORD,
                        List.of("Subject", "To"), null, null, ADMIN))
                .expectException(InvalidDkimKeyException.class);
        fixture.givenNoPriorActivity()
                .when(new CreateDkimKeyCommand("k1", "example.com", "s1", "ed25519", "GENERATED", RECORD, List.of(),
                        "loose/relaxed", null, ADMIN))
                .expectException(InvalidDkimKeyException.class);
        fixture.givenNoPriorActivity()
                .when(new CreateDkimKeyCommand("k1", "example.com", "s1", "ed25519", "GENERATED", RECORD, List.of(),
                        null, 0, ADMIN))
                .expectException(InvalidDkimKeyException.class);
        fixture.givenNoPriorActivity()
                .when(new CreateDkimKeyCommand("k1", "example.com", "s1", "ed25519", "GENERATED", "p=abc", List.of(),
                        null, null, ADMIN))
                .expectException(InvalidDkimKeyException.class);
        fixture.givenNoPriorActivity()
                .when(new CreateDkimKeyCommand("k1", "example.com", "s1", "ed25519", "GENERATED", RECORD, List.of(),
                        null, null, " "))
                .expectException(InvalidDkimKeyException.class);
    }

    @Test
    void deletesAKnownKeyAndNamesItsDomainAndSelector() {
        fixture.given(created("k1", "example.com", "s1"))
                .when(new DeleteDkimKeyCommand("k1", ADMIN))
                .expectEvents(new DkimKeyDeletedEvent("k1", "example.com", "s1", ADMIN, fixture.currentTime()));
    }

    @Test
    void refusesToDeleteAnUnknownOrDeletedKey() {
        fixture.givenNoPriorActivity()
                .when(new DeleteDkimKeyCommand("k1", ADMIN))
                .expectException(UnknownDkimKeyException.class);
        fixture.given(created("k1", "example.com", "s1"),
                        new DkimKeyDeletedEvent("k1", "example.com", "s1", ADMIN, fixture.currentTime()))
                .when(new DeleteDkimKeyCommand("k1", ADMIN))
                .expectException(UnknownDkimKeyException.class);
    }
}
