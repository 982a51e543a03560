package io.bulwark.admin.rule;

import static org.hamcrest.Matchers.containsString;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.AddGlobalListEntryCommand;
import io.bulwark.events.rule.DenyListActionChangedEvent;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryAddedEvent;
import io.bulwark.events.rule.GlobalListEntryRemovedEvent;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.RemoveGlobalListEntryCommand;
import io.bulwark.events.rule.SetDenyListActionCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class GlobalListsTest {
    private static final String ADMIN = "admin";
    private static final GlobalListEntry SPAMMER = new GlobalListEntry(GlobalListEntryType.ADDRESS, "*@spam.example");
    private static final GlobalListEntry NET = new GlobalListEntry(GlobalListEntryType.IP_NETWORK, "203.0.113.0/24");

    private AggregateTestFixture<GlobalLists> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(GlobalLists.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    @ParameterizedTest
    @CsvSource({"ALLOW, ADDRESS, *@partner.example", "ALLOW, ADDRESS, partner.example",
            "DENY, ADDRESS, re:.*@(spam|junk)\\.example", "DENY, IP_NETWORK, 203.0.113.0/24",
            "ALLOW, IP_NETWORK, 2001:db8::/32", "DENY, ADDRESS, <>"})
    void addsAValidEntry(GlobalListKind list, GlobalListEntryType type, String value) {
        GlobalListEntry entry = new GlobalListEntry(type, value);
        fixture.givenNoPriorActivity()
                .when(new AddGlobalListEntryCommand(list, entry, ADMIN))
                .expectEvents(new GlobalListEntryAddedEvent(list, entry, ADMIN, fixture.currentTime()));
    }

    @ParameterizedTest
    @CsvSource({"ADDRESS, re:[unclosed", "ADDRESS, a@b@c", "IP_NETWORK, 10.0.0.0/40", "IP_NETWORK, spam.example",
            "IP_NETWORK, 256.0.0.1"})
    void refusesAnInvalidEntry(GlobalListEntryType type, String value) {
        fixture.givenNoPriorActivity()
                .when(new AddGlobalListEntryCommand(GlobalListKind.DENY, new GlobalListEntry(type, value), ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("Invalid " + type))
                .expectNoEvents();
    }

    @Test
    void addingAListedEntryAgainEmitsNothing() {
        fixture.given(new GlobalListEntryAddedEvent(GlobalListKind.DENY, SPAMMER, ADMIN, fixture.currentTime()))
                .when(new AddGlobalListEntryCommand(GlobalListKind.DENY, SPAMMER, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameEntryMayBeOnBothLists() {
        fixture.given(new GlobalListEntryAddedEvent(GlobalListKind.DENY, NET, ADMIN, fixture.currentTime()))
                .when(new AddGlobalListEntryCommand(GlobalListKind.ALLOW, NET, ADMIN))
                .expectEvents(new GlobalListEntryAddedEvent(GlobalListKind.ALLOW, NET, ADMIN, fixture.currentTime()));
    }

    @Test
    void removesAnEntry() {
        fixture.given(new GlobalListEntryAddedEvent(GlobalListKind.DENY, SPAMMER, ADMIN, fixture.currentTime()))
                .when(new RemoveGlobalListEntryCommand(GlobalListKind.DENY, SPAMMER, ADMIN))
                .expectEvents(new GlobalListEntryRemovedEvent(GlobalListKind.DENY, SPAMMER, ADMIN, fixture.currentTime()));
    }

    @Test
    void refusesToRemoveAnEntryThatIsNotListed() {
        fixture.given(new GlobalListEntryAddedEvent(GlobalListKind.DENY, SPAMMER, ADMIN, fixture.currentTime()))
                .when(new RemoveGlobalListEntryCommand(GlobalListKind.ALLOW, SPAMMER, ADMIN))
                .expectException(UnknownRuleException.class)
                .expectNoEvents();
    }

    @Test
    void changesTheDenyActionToDelete() {
        fixture.givenNoPriorActivity()
                .when(new SetDenyListActionCommand(Action.DELETE_MESSAGE, ADMIN))
                .expectEvents(new DenyListActionChangedEvent(Action.DELETE_MESSAGE, ADMIN, fixture.currentTime()));
    }

    @Test
    void settingTheCurrentDenyActionEmitsNothing() {
        fixture.given(new DenyListActionChangedEvent(Action.DELETE_MESSAGE, ADMIN, fixture.currentTime()))
                .when(new SetDenyListActionCommand(Action.DELETE_MESSAGE, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = {"SKIP", "DELETE_ATTACHMENT"})
    void refusesADenyActionOtherThanRejectOrDelete(Action action) {
        fixture.givenNoPriorActivity()
                .when(new SetDenyListActionCommand(action, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAChangeWithoutActor() {
        fixture.givenNoPriorActivity()
                .when(new AddGlobalListEntryCommand(GlobalListKind.DENY, SPAMMER, " "))
                .expectException(InvalidRuleCommandException.class)
                .expectNoEvents();
    }
}
