package io.bulwark.admin.rule;

import static org.hamcrest.Matchers.containsString;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.CopyRuleCommand;
import io.bulwark.events.rule.CreateRuleCommand;
import io.bulwark.events.rule.DeleteRuleCommand;
import io.bulwark.events.rule.DisableRuleCommand;
import io.bulwark.events.rule.EditRuleCommand;
import io.bulwark.events.rule.EnableRuleCommand;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.MoveRuleCommand;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleCopiedEvent;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleDeletedEvent;
import io.bulwark.events.rule.RuleDisabledEvent;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEnabledEvent;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RuleMovedEvent;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleSetTest {

    private static final String ADMIN = "admin";

    private AggregateTestFixture<RuleSet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RuleSet.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    static RuleDefinition rule(String name) {
        return RuleDefinition.withDefaults(name, new SenderCriteria(List.of("*@partner.example"), List.of("192.0.2.0/24")),
                new RecipientCriteria(List.of("sales@corp.example")));
    }

    private RuleSetInitializedEvent initialized() {
        return new RuleSetInitializedEvent(RulePresets.initialRules(), ADMIN, fixture.currentTime());
    }

    private RuleCreatedEvent created(String id, String name) {
        return new RuleCreatedEvent(id, rule(name), 0, ADMIN, fixture.currentTime());
    }

    // ---- create

    @Test
    void theFirstCommandCreatesThePresetsAndThenTheRuleAtTheTop() {
        fixture.givenNoPriorActivity()
                .when(new CreateRuleCommand("r1", rule("Partners"), ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(initialized(), created("r1", "Partners"));
    }

    @Test
    void laterRulesAreCreatedAtTheTopWithoutAnotherInitialisation() {
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new CreateRuleCommand("r2", rule("Suppliers"), ADMIN))
                .expectEvents(created("r2", "Suppliers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Partners", "partners", " PARTNERS ", "Default", "allowlist"})
    void refusesANameThatAnotherRuleHasIgnoringCase(String name) {
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new CreateRuleCommand("r2", rule(name), ADMIN))
                .expectException(RuleNameTakenException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAnIdThatIsTaken() {
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new CreateRuleCommand("r1", rule("Other"), ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("already exists"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"re:([a-z]+", "re:", "two@at@signs", "has space@example.com", "<bad>@example.com"})
    void refusesAnInvalidRegexOrMask(String pattern) {
        RuleDefinition d = rule("X").withCriteria(new SenderCriteria(List.of(pattern), List.of()),
                RecipientCriteria.anyone());
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("sender pattern"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"re:(a)\\1@x\\.example", "re:(?=.*x).*@x\\.example", "re:(?<!a)b@x\\.example",
            "re:a++@x\\.example", "re:(?>a+)@x\\.example"})
    void refusesRegexConstructsThatNeedABacktrackingEngine(String pattern) {
        RuleDefinition d = rule("X").withCriteria(new SenderCriteria(List.of(pattern), List.of()),
                RecipientCriteria.anyone());
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("Invalid sender pattern: regular expression"))
                .expectExceptionMessage(containsString("RE2 syntax only"))
                .expectNoEvents();
    }

    @Test
    void aRuleStoredWithAPatternRefusedTodayStillLoadsAndCanBeRepaired() {
        // Saved when java.util.regex was the engine; replaying it must not fail the aggregate.
        RuleDefinition stale = rule("Legacy").withCriteria(
                new SenderCriteria(List.of("re:(a)\\1@legacy\\.example"), List.of()), RecipientCriteria.anyone());
        RuleDefinition repaired = stale.withCriteria(new SenderCriteria(List.of("re:(aa)+@legacy\\.example"), List.of()),
                RecipientCriteria.anyone());
        fixture.given(initialized(), new RuleCreatedEvent("r1", stale, 0, ADMIN, fixture.currentTime()))
                .when(new EditRuleCommand("r1", repaired, ADMIN))
                .expectEvents(new RuleEditedEvent("r1", repaired, ADMIN, fixture.currentTime()));
        fixture.given(initialized(), new RuleCreatedEvent("r1", stale, 0, ADMIN, fixture.currentTime()))
                .when(new EditRuleCommand("r1", stale.withName("Legacy 2"), ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("backreferences are not supported"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"re:(unclosed", "*@a b"})
    void refusesAnInvalidRecipientPattern(String pattern) {
        RuleDefinition d = rule("X").withCriteria(SenderCriteria.anyone(), new RecipientCriteria(List.of(pattern)));
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("recipient pattern"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.0/33", "300.1.1.1", "10.0.0.0/abc", "2001:db8::/129", "mail.example.com",
            "1.2.3", "::ffff:10.0.0.0/64"})
    void refusesAnInvalidNetwork(String network) {
        RuleDefinition d = rule("X").withCriteria(new SenderCriteria(List.of(), List.of(network)),
                RecipientCriteria.anyone());
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("Sender network"))
                .expectNoEvents();
    }

    @Test
    void refusesAnEnabledRuleWithoutSenderCriteria() {
        RuleDefinition d = rule("X").withCriteria(new SenderCriteria(List.of(), List.of()), RecipientCriteria.anyone());
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("sender criteria"))
                .expectNoEvents();
    }

    @Test
    void acceptsADisabledRuleWithoutCriteria() {
        RuleDefinition d = rule("X").withCriteria(null, null).withEnabled(false);
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectEvents(new RuleCreatedEvent("r1", d, 0, ADMIN, fixture.currentTime()));
    }

    @Test
    void refusesDeleteAttachmentForAStatusWithoutAttachment() {
        RuleDefinition d = rule("X").withModule(ProtectionModule.ANTI_SPAM,
                ModuleSettings.defaults(ProtectionModule.ANTI_SPAM)
                        .with(ScanStatus.SPAM, new StatusAction(Action.DELETE_ATTACHMENT, false, "")));
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("Delete attachment is not possible"))
                .expectNoEvents();
    }

    @Test
    void refusesAStatusOfAnotherModule() {
        RuleDefinition d = rule("X").withModule(ProtectionModule.ANTI_VIRUS,
                ModuleSettings.defaults(ProtectionModule.ANTI_VIRUS)
                        .with(ScanStatus.SPAM, new StatusAction(Action.REJECT, false, "")));
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", d, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("not a status of ANTI_VIRUS"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "tab\tname"})
    void refusesABlankOrControlCharacterName(String name) {
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", rule("X").withName(name), ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "slash/id"})
    void refusesAnInvalidRuleId(String id) {
        fixture.given(initialized())
                .when(new CreateRuleCommand(id, rule("X"), ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("rule id"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesAChangeWithoutActor(String actor) {
        fixture.given(initialized())
                .when(new CreateRuleCommand("r1", rule("X"), actor))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("actor"))
                .expectNoEvents();
    }

    // ---- copy

    @Test
    void copiesARuleToTheTopDisabled() {
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new CopyRuleCommand("r1", "r2", "Partners (copy)", ADMIN))
                .expectEvents(new RuleCopiedEvent("r1", "r2", rule("Partners (copy)").withEnabled(false), 0, ADMIN,
                        fixture.currentTime()));
    }

    @Test
    void copiesTheDefaultRule() {
        RuleDefinition defaults = RulePresets.initialRules().get(2).definition();
        fixture.given(initialized())
                .when(new CopyRuleCommand(RulePresets.DEFAULT_ID, "r2", "Like default", ADMIN))
                .expectEvents(new RuleCopiedEvent(RulePresets.DEFAULT_ID, "r2",
                        defaults.withName("Like default").withEnabled(false), 0, ADMIN, fixture.currentTime()));
    }

    @Test
    void refusesToCopyAnUnknownRule() {
        fixture.given(initialized())
                .when(new CopyRuleCommand("nope", "r2", "Copy", ADMIN))
                .expectException(UnknownRuleException.class)
                .expectNoEvents();
    }

    @Test
    void refusesACopyUnderATakenName() {
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new CopyRuleCommand("r1", "r2", "PARTNERS", ADMIN))
                .expectException(RuleNameTakenException.class)
                .expectNoEvents();
    }

    // ---- edit

    @Test
    void editsARule() {
        RuleDefinition edited = rule("Partners").withMode(RuleMode.SKIP_WITHOUT_SCANNING);
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new EditRuleCommand("r1", edited, ADMIN))
                .expectEvents(new RuleEditedEvent("r1", edited, ADMIN, fixture.currentTime()));
    }

    @Test
    void anEditThatChangesNothingEmitsNothing() {
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new EditRuleCommand("r1", rule("Partners"), ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToRenameARuleToAnotherRulesName() {
        fixture.given(initialized(), created("r1", "Partners"), created("r2", "Suppliers"))
                .when(new EditRuleCommand("r2", rule("partners"), ADMIN))
                .expectException(RuleNameTakenException.class)
                .expectNoEvents();
    }

    @Test
    void refusesToEditAnUnknownRule() {
        fixture.given(initialized())
                .when(new EditRuleCommand("nope", rule("X"), ADMIN))
                .expectException(UnknownRuleException.class)
                .expectNoEvents();
    }

    @Test
    void editsTheDefaultRuleButKeepsItsCriteriaForEveryone() {
        RuleDefinition def = RulePresets.initialRules().get(2).definition();
        RuleDefinition asked = def.withMode(RuleMode.SCAN)
                .withModule(ProtectionModule.CONTENT_FILTERING,
                        ModuleSettings.defaults(ProtectionModule.CONTENT_FILTERING).withEnabled(true))
                .withCriteria(new SenderCriteria(List.of("x@y.example"), List.of()), RecipientCriteria.anyone());
        RuleDefinition stored = asked.withCriteria(SenderCriteria.anyone(), RecipientCriteria.anyone());
        fixture.given(initialized())
                .when(new EditRuleCommand(RulePresets.DEFAULT_ID, asked, ADMIN))
                .expectEvents(new RuleEditedEvent(RulePresets.DEFAULT_ID, stored, ADMIN, fixture.currentTime()));
    }

    @Test
    void refusesToRenameTheDefaultRule() {
        RuleDefinition def = RulePresets.initialRules().get(2).definition();
        fixture.given(initialized())
                .when(new EditRuleCommand(RulePresets.DEFAULT_ID, def.withName("Fallback"), ADMIN))
                .expectException(ProtectedRuleException.class)
                .expectNoEvents();
    }

    @Test
    void refusesToDisableTheDefaultRuleByEditing() {
        RuleDefinition def = RulePresets.initialRules().get(2).definition();
        fixture.given(initialized())
                .when(new EditRuleCommand(RulePresets.DEFAULT_ID, def.withEnabled(false), ADMIN))
                .expectException(ProtectedRuleException.class)
                .expectNoEvents();
    }

    // ---- enable / disable

    @Test
    void enablesTheAllowListOnceItHasCriteria() {
        RuleDefinition allow = RulePresets.initialRules().get(0).definition()
                .withCriteria(new SenderCriteria(List.of("*@trusted.example"), List.of()), RecipientCriteria.anyone());
        fixture.given(initialized(), new RuleEditedEvent(RulePresets.ALLOW_LIST_ID, allow, ADMIN, fixture.currentTime()))
                .when(new EnableRuleCommand(RulePresets.ALLOW_LIST_ID, ADMIN))
                .expectEvents(new RuleEnabledEvent(RulePresets.ALLOW_LIST_ID, ADMIN, fixture.currentTime()));
    }

    @Test
    void refusesToEnableAPresetThatHasNoCriteria() {
        fixture.given(initialized())
                .when(new EnableRuleCommand(RulePresets.DENY_LIST_ID, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("needs sender criteria"))
                .expectNoEvents();
    }

    @Test
    void enablingAnEnabledRuleEmitsNothing() {
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new EnableRuleCommand("r1", ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void enablingTheDefaultRuleOnAFreshRuleSetOnlyInitialises() {
        fixture.givenNoPriorActivity()
                .when(new EnableRuleCommand(RulePresets.DEFAULT_ID, ADMIN))
                .expectEvents(initialized());
    }

    @Test
    void refusesToEnableAnUnknownRule() {
        fixture.given(initialized())
                .when(new EnableRuleCommand("nope", ADMIN))
                .expectException(UnknownRuleException.class)
                .expectNoEvents();
    }

    @Test
    void disablesARule() {
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new DisableRuleCommand("r1", ADMIN))
                .expectEvents(new RuleDisabledEvent("r1", ADMIN, fixture.currentTime()));
    }

    @Test
    void disablingADisabledRuleEmitsNothing() {
        fixture.given(initialized())
                .when(new DisableRuleCommand(RulePresets.ALLOW_LIST_ID, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToDisableTheDefaultRule() {
        fixture.given(initialized())
                .when(new DisableRuleCommand(RulePresets.DEFAULT_ID, ADMIN))
                .expectException(ProtectedRuleException.class)
                .expectNoEvents();
    }

    @Test
    void refusesToDisableAnUnknownRule() {
        fixture.given(initialized())
                .when(new DisableRuleCommand("nope", ADMIN))
                .expectException(UnknownRuleException.class)
                .expectNoEvents();
    }

    // ---- move

    @Test
    void movesARuleDown() {
        // order: r2, r1, AllowList, DenyList, Default
        fixture.given(initialized(), created("r1", "Partners"), created("r2", "Suppliers"))
                .when(new MoveRuleCommand("r2", 3, ADMIN))
                .expectEvents(new RuleMovedEvent("r2", 0, 3, ADMIN, fixture.currentTime()));
    }

    @Test
    void movingARuleToItsOwnPositionEmitsNothing() {
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new MoveRuleCommand("r1", 0, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 4, 100})
    void refusesAPositionOutsideTheMovableRange(int position) {
        // order: r1, AllowList, DenyList, Default: movable positions 0..2
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new MoveRuleCommand("r1", position, ADMIN))
                .expectException(InvalidRuleCommandException.class)
                .expectExceptionMessage(containsString("outside 0..2"))
                .expectNoEvents();
    }

    @Test
    void refusesToMoveTheDefaultRule() {
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new MoveRuleCommand(RulePresets.DEFAULT_ID, 0, ADMIN))
                .expectException(ProtectedRuleException.class)
                .expectNoEvents();
    }

    @Test
    void refusesToMoveAnUnknownRule() {
        fixture.given(initialized())
                .when(new MoveRuleCommand("nope", 0, ADMIN))
                .expectException(UnknownRuleException.class)
                .expectNoEvents();
    }

    // ---- delete

    @Test
    void deletesARule() {
        fixture.given(initialized(), created("r1", "Partners"))
                .when(new DeleteRuleCommand("r1", ADMIN))
                .expectEvents(new RuleDeletedEvent("r1", "Partners", ADMIN, fixture.currentTime()));
    }

    @Test
    void deletesAPresetOtherThanDefault() {
        fixture.given(initialized())
                .when(new DeleteRuleCommand(RulePresets.DENY_LIST_ID, ADMIN))
                .expectEvents(new RuleDeletedEvent(RulePresets.DENY_LIST_ID, "DenyList", ADMIN, fixture.currentTime()));
    }

    @Test
    void refusesToDeleteTheDefaultRule() {
        fixture.given(initialized())
                .when(new DeleteRuleCommand(RulePresets.DEFAULT_ID, ADMIN))
                .expectException(ProtectedRuleException.class)
                .expectNoEvents();
    }

    @Test
    void refusesToDeleteAnUnknownRule() {
        fixture.given(initialized(), created("r1", "Partners"),
                        new RuleDeletedEvent("r1", "Partners", ADMIN, fixture.currentTime()))
                .when(new DeleteRuleCommand("r1", ADMIN))
                .expectException(UnknownRuleException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedRulesNameCanBeUsedAgain() {
        fixture.given(initialized(), created("r1", "Partners"),
                        new RuleDeletedEvent("r1", "Partners", ADMIN, fixture.currentTime()))
                .when(new CreateRuleCommand("r2", rule("Partners"), ADMIN))
                .expectEvents(created("r2", "Partners"));
    }
}
