package io.bulwark.admin.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.query.rule.FindRulesQuery;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.CopyRuleCommand;
import io.bulwark.events.rule.CreateRuleCommand;
import io.bulwark.events.rule.EditRuleCommand;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleCopiedEvent;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleListProjection;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.RuleSetIds;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.store.upcasting.RecordedRuleEvents;
import io.bulwark.store.upcasting.RuleEventsUpcaster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rule events revision 2: new events carry complete definitions, and the rule set, the rules read
 * model and the rule list the gateway folds replay the recorded revision-1 events (through the
 * store's upcaster) to the actions those events had when they were written.
 */
class RuleEventsRevisionTwoTest {
    private static final String ADMIN = "admin";

    private AggregateTestFixture<RuleSet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RuleSet.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    private static RuleDefinition sparse(String name) {
        return new RuleDefinition(name, "", true, RuleMode.SCAN,
                new SenderCriteria(List.of("*@partner.example"), List.of()), new RecipientCriteria(List.of("*")),
                Map.of(ProtectionModule.ANTI_SPAM, new ModuleSettings(true,
                        Map.of(ScanStatus.SPAM, new StatusAction(Action.REJECT, false, "[Spam]")),
                        Map.of("spam-threshold", "80"))));
    }

    private RuleSetInitializedEvent initialized() {
        return new RuleSetInitializedEvent(RulePresets.initialRules(), ADMIN, fixture.currentTime());
    }

    private static List<Object> upcastRecordedEvents() {
        return RecordedRuleEvents.read(new RuleEventsUpcaster());
    }

    @Test
    void aRuleCreatedWithSparseSettingsIsStoredWithEveryModuleStatusAndOptionSpelledOut() {
        RuleDefinition complete = sparse("Partners").complete();
        assertThat(complete.modules()).containsOnlyKeys(ProtectionModule.values());
        complete.modules().forEach((module, section) -> {
            assertThat(section.actions()).containsOnlyKeys(module.statuses());
            assertThat(section.options()).hasSameSizeAs(io.bulwark.events.rule.ModuleOption.of(module));
        });

        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", sparse("Partners"), ADMIN))
                .expectEvents(new RuleCreatedEvent("r1", complete, 0, ADMIN, fixture.currentTime()));
    }

    @Test
    void anEditIsStoredCompleteAndAnEditThatOnlyLeavesOutDefaultsChangesNothing() {
        RuleDefinition stored = sparse("Partners").complete();
        fixture.given(initialized(), new RuleCreatedEvent("r1", stored, 0, ADMIN, fixture.currentTime()))
                .when(new EditRuleCommand("r1", sparse("Partners"), ADMIN))
                .expectNoEvents();

        RuleDefinition changed = sparse("Partners").withMode(RuleMode.DELETE_WITHOUT_NOTIFYING);
        fixture.given(initialized(), new RuleCreatedEvent("r1", stored, 0, ADMIN, fixture.currentTime()))
                .when(new EditRuleCommand("r1", changed, ADMIN))
                .expectEvents(new RuleEditedEvent("r1", changed.complete(), ADMIN, fixture.currentTime()));
    }

    @Test
    void refusesAnOptionThatIsNotTheModules() {
        RuleDefinition d = sparse("X").withModule(ProtectionModule.ANTI_VIRUS,
                new ModuleSettings(true, Map.of(), Map.of("spam-threshold", "50")));
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("'spam-threshold' is not an option of ANTI_VIRUS"))
                .expectNoEvents();
    }

    @Test
    void refusesAnOptionValueThatRevisionOneWouldHaveReadAsTheDefault() {
        RuleDefinition d = sparse("X").withModule(ProtectionModule.ANTI_SPAM,
                new ModuleSettings(true, Map.of(), Map.of("spam-threshold", "high")));
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("'high' is not a number"))
                .expectNoEvents();
    }

    @Test
    void givenAQuarantineBandThatIsEmptyWhenARuleIsCreatedThenItIsRefused() {
        RuleDefinition d = sparse("X").withModule(ProtectionModule.ANTI_SPAM, new ModuleSettings(true, Map.of(),
                Map.of("quarantine", "yes", "quarantine-from", "60", "quarantine-to", "40")));
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("quarantine-from (60) must be below quarantine-to (40)"))
                .expectNoEvents();
    }

    @Test
    void givenAQuarantineBandWhenARuleIsCreatedThenItsOptionsAreStoredWithTheDefaultsOfTheOthers() {
        RuleDefinition d = sparse("X").withModule(ProtectionModule.ANTI_SPAM, new ModuleSettings(true, Map.of(),
                Map.of("quarantine", "yes", "quarantine-from", "35")));
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectEvents(new RuleCreatedEvent("r1", d.complete(), 0, ADMIN, fixture.currentTime()));
        RuleDefinition stored = d.complete();
        assertThat(stored.module(ProtectionModule.ANTI_SPAM).options())
                .containsEntry("quarantine", "yes").containsEntry("quarantine-from", "35")
                .containsEntry("quarantine-to", "70");
    }

    @Test
    void givenAQuarantineOptionThatIsNotAChoiceWhenARuleIsCreatedThenItIsRefused() {
        RuleDefinition d = sparse("X").withModule(ProtectionModule.ANTI_SPAM, new ModuleSettings(true, Map.of(),
                Map.of("quarantine", "maybe")));
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("'maybe' is not one of [no, yes]"))
                .expectNoEvents();
    }

    @Test
    void theRuleSetLoadsUpcastRevisionOneEventsAndCopiesTheRulesAsTheyWere() {
        RuleListProjection recorded = RecordedRuleEvents.replay(upcastRecordedEvents());
        for (String ruleId : List.of("sales", "legacy", RulePresets.DEFAULT_ID)) {
            RuleDefinition source = recorded.find(ruleId).orElseThrow().definition();
            fixture.given(upcastRecordedEvents())
                    .when(new CopyRuleCommand(ruleId, "copy-of-" + ruleId, "Copy of " + ruleId, ADMIN))
                    .expectEvents(new RuleCopiedEvent(ruleId, "copy-of-" + ruleId,
                            source.withName("Copy of " + ruleId).withEnabled(false).complete(), 0, ADMIN,
                            fixture.currentTime()));
        }
    }

    @Test
    void savingAnUpcastRuleUnchangedEmitsNothing() {
        RuleDefinition sales = RecordedRuleEvents.replay(upcastRecordedEvents()).find("sales").orElseThrow()
                .definition();
        fixture.given(upcastRecordedEvents())
                .when(new EditRuleCommand("sales", sales, ADMIN))
                .expectNoEvents();
    }

    @Test
    void theRuleListReplaysUpcastRevisionOneEventsToTheRecordedActions() {
        assertThat(RecordedRuleEvents.meaning(RecordedRuleEvents.replay(upcastRecordedEvents()), false))
                .isEqualTo(RecordedRuleEvents.recordedMeaning());
    }

    @Test
    void theRulesReadModelReplaysUpcastRevisionOneEventsToTheRecordedActions() throws Exception {
        RulesProjection projection = new RulesProjection();
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
        List<Object> events = upcastRecordedEvents();
        for (int i = 0; i < events.size(); i++) {
            handler.handle(new GenericDomainEventMessage<>("RuleSet", RuleSetIds.RULES, i, events.get(i)));
        }

        List<RuleEntry> rules = new ArrayList<>();
        for (RuleView view : projection.find(new FindRulesQuery(-1))) {
            rules.add(new RuleEntry(view.ruleId(), view.kind(), view.definition()));
        }

        assertThat(RecordedRuleEvents.meaning(rules, false)).isEqualTo(RecordedRuleEvents.recordedMeaning());
        assertThat(RecordedRuleEvents.meaning(rules, true)).isEqualTo(RecordedRuleEvents.recordedMeaning());
    }
}
