package io.bulwark.gateway.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.policy.DataPhaseResult;
import io.bulwark.scan.policy.Decision;
import io.bulwark.scan.policy.GroupOutcome;
import io.bulwark.scan.policy.ListMatch;
import io.bulwark.scan.policy.RecipientGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Given a rule's quarantine options and a verdict, when the intake asks, then the band says hold or not. */
class QuarantineBandTest {
    private static final RuleDefinition DEFAULT = RulePresets.initialRules().stream()
            .filter(r -> r.ruleId().equals(RulePresets.DEFAULT_ID)).findFirst().orElseThrow().definition();

    private static RuleEntry rule(String id, UnaryOperator<RuleDefinition> change) {
        return new RuleEntry(id, RuleKind.CUSTOM, change.apply(DEFAULT.withName("R " + id)));
    }

    private static UnaryOperator<RuleDefinition> quarantine(String on, String from, String to) {
        return d -> d.withModule(ProtectionModule.ANTI_SPAM, d.module(ProtectionModule.ANTI_SPAM)
                .withOption(ModuleOption.QUARANTINE, on).withOption(ModuleOption.QUARANTINE_FROM, from)
                .withOption(ModuleOption.QUARANTINE_TO, to));
    }

    private static ModuleVerdict spam(ScanStatus status, double rating, boolean temporary) {
        return new ModuleVerdict(ProtectionModule.ANTI_SPAM, status, List.of(), rating, List.of(), List.of(status),
                List.of(), temporary);
    }

    /** The intake's result for one group per rule, each judged by the same anti-spam verdict. */
    private static DataPhaseResult judged(ModuleVerdict verdict, RuleEntry... rules) {
        ScanReport report = ScanReport.of(verdict);
        List<GroupOutcome> groups = new ArrayList<>();
        List<byte[]> deliveries = new ArrayList<>();
        int n = 0;
        for (RuleEntry rule : rules) {
            var disposition = Decision.decide(report, rule, ListMatch.NONE);
            groups.add(new GroupOutcome(new RecipientGroup(rule, List.of("r" + n++ + "@corp.example")), disposition,
                    disposition.action()));
            deliveries.add(disposition.delivers() ? new byte[0] : null);
        }
        return new DataPhaseResult(false, null, report, groups, deliveries, ListMatch.NONE);
    }

    @ParameterizedTest(name = "quarantine={0} band [{1},{2}) rating {3} {4} -> held {5}")
    @CsvSource({
            "yes, 30, 70, 30,   BLACKLISTED,   true",   // lower bound inclusive
            "yes, 30, 70, 69.9, PROBABLE_SPAM, true",
            "yes, 30, 70, 70,   SPAM,          false",  // upper bound exclusive: certain spam acts at once
            "yes, 30, 70, 29.9, NOT_SPAM,      false",
            "no,  30, 70, 50,   PROBABLE_SPAM, false",  // the default: nothing is held
            "yes, 0,  10, 0,    NOT_SPAM,      true",
            "yes, 30, 70, 50,   ERROR,         false",  // no rating to trust
            "yes, 30, 70, 50,   NOT_SCANNED,   false"})
    void givenARuleAndAVerdictWhenJudgedThenHeldOnlyInsideTheBand(String on, String from, String to, double rating,
            ScanStatus status, boolean held) {
        DataPhaseResult result = judged(spam(status, rating, false), rule("r1", quarantine(on, from, to)));

        Optional<QuarantineBand.Candidate> candidate = QuarantineBand.of(result);

        assertThat(candidate.isPresent()).isEqualTo(held);
        candidate.ifPresent(c -> {
            assertThat(c.ruleIds()).containsExactly("r1");
            assertThat(c.ruleNames()).containsExactly("R r1");
            assertThat(c.rating()).isEqualTo(rating);
            assertThat(c.statuses()).containsExactly(status.name());
        });
    }

    @Test
    void givenATemporaryFailureWhenJudgedThenNotHeld() {
        DataPhaseResult result = judged(spam(ScanStatus.ERROR, 50, true), rule("r1", quarantine("yes", "30", "70")));

        assertThat(QuarantineBand.of(result)).isEmpty();
    }

    @Test
    void givenARuleThatDeletesProbableSpamWhenJudgedThenNotHeld() {
        UnaryOperator<RuleDefinition> delete = d -> d.withModule(ProtectionModule.ANTI_SPAM,
                d.module(ProtectionModule.ANTI_SPAM).with(ScanStatus.PROBABLE_SPAM,
                        new StatusAction(Action.DELETE_MESSAGE, false, "")));
        DataPhaseResult result = judged(spam(ScanStatus.PROBABLE_SPAM, 50, false),
                rule("r1", d -> delete.apply(quarantine("yes", "30", "70").apply(d))));

        assertThat(QuarantineBand.of(result)).isEmpty();
    }

    @Test
    void givenARuleThatDoesNotScanWhenJudgedThenNotHeld() {
        DataPhaseResult result = judged(spam(ScanStatus.PROBABLE_SPAM, 50, false),
                rule("r1", d -> quarantine("yes", "30", "70").apply(d).withMode(RuleMode.SKIP_WITHOUT_SCANNING)));

        assertThat(QuarantineBand.of(result)).isEmpty();
    }

    @Test
    void givenTwoGroupsWhenOnlyOneRuleHoldsThenTheWholeMessageIsHeldForThatRule() {
        DataPhaseResult result = judged(spam(ScanStatus.PROBABLE_SPAM, 45, false),
                rule("r1", quarantine("no", "30", "70")), rule("r2", quarantine("yes", "40", "60")));

        assertThat(QuarantineBand.of(result)).hasValueSatisfying(c -> {
            assertThat(c.ruleIds()).containsExactly("r2");
            assertThat(c.rating()).isEqualTo(45);
        });
    }

    @Test
    void givenARejectedMessageWhenJudgedThenNothingIsHeld() {
        DataPhaseResult judged = judged(spam(ScanStatus.PROBABLE_SPAM, 50, false), rule("r1", quarantine("yes", "30", "70")));
        DataPhaseResult rejected = new DataPhaseResult(true, "550 5.7.1 no", judged.report(), judged.groups(),
                judged.deliveries(), ListMatch.NONE);

        assertThat(QuarantineBand.of(rejected)).isEmpty();
    }
}
