package io.bulwark.admin.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.AddGlobalListEntryCommand;
import io.bulwark.events.rule.CopyRuleCommand;
import io.bulwark.events.rule.CreateRuleCommand;
import io.bulwark.events.rule.DeleteRuleCommand;
import io.bulwark.events.rule.DisableRuleCommand;
import io.bulwark.events.rule.EditRuleCommand;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.GlobalListsProjection;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.MoveRuleCommand;
import io.bulwark.events.rule.RemoveGlobalListEntryCommand;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleListProjection;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.RuleSetIds;
import io.bulwark.events.rule.SetDenyListActionCommand;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/**
 * Replays the events that real command sequences produced, through JSON as the store keeps them,
 * and checks that the projection comes out the same every time and in the expected order.
 */
class RuleListProjectionReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void replayingTheRuleSetsEventsRebuildsTheSameOrderedList() throws Exception {
        AggregateTestFixture<RuleSet> fixture = new AggregateTestFixture<>(RuleSet.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        fixture.givenCommands(
                        new CreateRuleCommand("r1", RuleSetTest.rule("Partners"), "alice"),
                        new CreateRuleCommand("r2", RuleSetTest.rule("Suppliers"), "alice"),
                        new CopyRuleCommand("r1", "r3", "Partners copy", "bob"),
                        new EditRuleCommand("r3", RuleSetTest.rule("Partners copy").withMode(RuleMode.DELETE_WITHOUT_NOTIFYING)
                                .withModule(ProtectionModule.ANTI_SPAM, ModuleSettings.defaults(ProtectionModule.ANTI_SPAM)
                                        .with(ScanStatus.SPAM, new StatusAction(Action.DELETE_MESSAGE, true, "[SPAM]"))),
                                "bob"),
                        new MoveRuleCommand("r3", 4, "alice"),
                        new DisableRuleCommand("r2", "alice"),
                        new DeleteRuleCommand(RulePresets.ALLOW_LIST_ID, "alice"))
                .when(new CreateRuleCommand("r4", RuleSetTest.rule("Newest"), "carol"))
                .expectSuccessfulHandlerExecution();

        List<Object> events = fixture.getEventStore().readEvents(RuleSetIds.RULES).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList();
        assertThat(events).hasSize(9);

        List<RuleEntry> first = replay(events);
        List<RuleEntry> second = replay(roundTripThroughJson(events));

        assertThat(first).extracting(RuleEntry::ruleId)
                .containsExactly("r4", "r2", "r1", "deny-list", "r3", "default");
        assertThat(first).extracting(RuleEntry::enabled).containsExactly(true, false, true, false, true, true);
        assertThat(first.get(4).definition().mode()).isEqualTo(RuleMode.DELETE_WITHOUT_NOTIFYING);
        assertThat(first.get(4).definition().module(ProtectionModule.ANTI_SPAM).actionFor(ScanStatus.SPAM))
                .isEqualTo(new StatusAction(Action.DELETE_MESSAGE, true, "[SPAM]"));
        assertThat(second).isEqualTo(first);
        assertThat(replay(events)).isEqualTo(first);
    }

    @Test
    void beforeAnyEventTheProjectionHoldsThePresetsSoTheGatewayAppliesDefault() {
        assertThat(new RuleListProjection().rules()).extracting(RuleEntry::ruleId)
                .containsExactly(RulePresets.ALLOW_LIST_ID, RulePresets.DENY_LIST_ID, RulePresets.DEFAULT_ID);
    }

    @Test
    void replayingTheGlobalListsEventsRebuildsTheSameLists() throws Exception {
        AggregateTestFixture<GlobalLists> fixture = new AggregateTestFixture<>(GlobalLists.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        GlobalListEntry a = new GlobalListEntry(GlobalListEntryType.ADDRESS, "*@partner.example");
        GlobalListEntry b = new GlobalListEntry(GlobalListEntryType.IP_NETWORK, "198.51.100.0/24");
        GlobalListEntry c = new GlobalListEntry(GlobalListEntryType.ADDRESS, "spam.example");
        fixture.givenCommands(new AddGlobalListEntryCommand(GlobalListKind.ALLOW, a, "alice"),
                        new AddGlobalListEntryCommand(GlobalListKind.ALLOW, b, "alice"),
                        new AddGlobalListEntryCommand(GlobalListKind.DENY, c, "alice"),
                        new RemoveGlobalListEntryCommand(GlobalListKind.ALLOW, a, "bob"))
                .when(new SetDenyListActionCommand(Action.DELETE_MESSAGE, "bob"))
                .expectSuccessfulHandlerExecution();
        List<Object> events = fixture.getEventStore().readEvents(RuleSetIds.GLOBAL_LISTS).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList();

        GlobalListsProjection once = new GlobalListsProjection();
        events.forEach(once::apply);
        GlobalListsProjection again = new GlobalListsProjection();
        roundTripThroughJson(events).forEach(again::apply);

        assertThat(once.view()).isEqualTo(new GlobalListsView(List.of(b), List.of(c), Action.DELETE_MESSAGE));
        assertThat(again.view()).isEqualTo(once.view());
    }

    private static List<RuleEntry> replay(List<Object> events) {
        RuleListProjection projection = new RuleListProjection();
        events.forEach(e -> assertThat(projection.apply(e)).isTrue());
        return projection.rules();
    }

    private static List<Object> roundTripThroughJson(List<Object> events) throws Exception {
        java.util.ArrayList<Object> out = new java.util.ArrayList<>();
        for (Object e : events) {
            out.add(JSON.readValue(JSON.writeValueAsString(e), e.getClass()));
        }
        return out;
    }
}
