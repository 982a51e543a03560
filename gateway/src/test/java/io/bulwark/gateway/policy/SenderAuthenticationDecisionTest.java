package io.bulwark.gateway.policy;

import io.bulwark.scan.policy.Decision;
import io.bulwark.scan.policy.Disposition;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the Default rule and its options do with sender authentication verdicts (issue 10). */
class SenderAuthenticationDecisionTest {
    private static final ProtectionModule SA = ProtectionModule.SENDER_AUTHENTICATION;
    private static final RuleEntry DEFAULT = RulePresets.initialRules().get(2);

    private static ModuleVerdict verdict(boolean temporary, List<ScanStatus> statuses, String... symbols) {
        List<ScanSymbol> syms = Stream.of(symbols).map(s -> new ScanSymbol(s, 0, s.toLowerCase(), List.of())).toList();
        return new ModuleVerdict(SA, statuses.getFirst(), List.of("because"), 0, List.of(), statuses, syms, temporary);
    }

    private static ModuleVerdict dmarcFail(String policy) {
        return verdict(false, List.of(ScanStatus.DMARC_FAIL), "SPF_FAIL", "DMARC_FAIL", policy);
    }

    private static RuleEntry rule(UnaryOperator<RuleDefinition> change) {
        return new RuleEntry("r1", RuleKind.CUSTOM, change.apply(DEFAULT.definition().withName("R1")));
    }

    private static UnaryOperator<RuleDefinition> option(ModuleOption option, String value) {
        return d -> d.withModule(SA, d.module(SA).withOption(option, value));
    }

    private static UnaryOperator<RuleDefinition> action(ScanStatus status, Action a, boolean backup, String tag) {
        return d -> d.withModule(SA, d.module(SA).with(status, new StatusAction(a, backup, tag)));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // name, rule, verdict, action, tags, backup, deferred
                Arguments.of("Default rule, p=reject: reject", DEFAULT, dmarcFail("DMARC_POLICY_REJECT"),
                        Action.REJECT, List.of("[DMARC fail]"), false, false),
                Arguments.of("Default rule, p=quarantine: deliver tagged with a Backup copy", DEFAULT,
                        dmarcFail("DMARC_POLICY_QUARANTINE"), Action.SKIP, List.of("[DMARC fail]"), true, false),
                Arguments.of("Default rule, p=none: skip without tag", DEFAULT, dmarcFail("DMARC_POLICY_NONE"),
                        Action.SKIP, List.of(), false, false),
                Arguments.of("dmarc-action=rule: the rule's DMARC_FAIL action (Skip with tag)",
                        rule(option(ModuleOption.DMARC_ACTION, "rule")), dmarcFail("DMARC_POLICY_REJECT"),
                        Action.SKIP, List.of("[DMARC fail]"), false, false),
                Arguments.of("dmarc-action=rule with Delete",
                        rule(d -> action(ScanStatus.DMARC_FAIL, Action.DELETE_MESSAGE, true, "")
                                .apply(option(ModuleOption.DMARC_ACTION, "rule").apply(d))),
                        dmarcFail("DMARC_POLICY_NONE"), Action.DELETE_MESSAGE, List.of(), true, false),
                Arguments.of("Default rule, SPF fail alone: Skip with its tag", DEFAULT,
                        verdict(false, List.of(ScanStatus.SPF_FAIL), "SPF_FAIL", "DMARC_PASS"), Action.SKIP,
                        List.of("[SPF fail]"), false, false),
                Arguments.of("SPF fail set to reject", rule(action(ScanStatus.SPF_FAIL, Action.REJECT, false, "")),
                        verdict(false, List.of(ScanStatus.SPF_FAIL), "SPF_FAIL"), Action.REJECT, List.of(), false,
                        false),
                Arguments.of("SPF fail on a DNS timeout alone, set to reject: 451, never 550",
                        rule(action(ScanStatus.SPF_FAIL, Action.REJECT, false, "[SPF fail]")),
                        verdict(true, List.of(ScanStatus.SPF_FAIL)), Action.SKIP, List.of("[SPF fail]"), false, true),
                Arguments.of("DMARC fail on a DNS timeout alone, set to delete: 451, never a silent loss",
                        rule(d -> action(ScanStatus.DMARC_FAIL, Action.DELETE_MESSAGE, false, "")
                                .apply(option(ModuleOption.DMARC_ACTION, "rule").apply(d))),
                        verdict(true, List.of(ScanStatus.DMARC_FAIL)), Action.SKIP, List.of(), false, true),
                Arguments.of("ERROR of a DNS timeout set to reject under accept: 451 for sender authentication",
                        rule(action(ScanStatus.ERROR, Action.REJECT, false, "")),
                        verdict(true, List.of(ScanStatus.ERROR)), Action.SKIP, List.of(), false, true),
                Arguments.of("the module switched off: nothing", rule(d -> d.withModule(SA, d.module(SA).withEnabled(false))),
                        dmarcFail("DMARC_POLICY_REJECT"), Action.SKIP, List.of(), false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void reactsAsTheRuleAndThePublishedPolicySay(String name, RuleEntry rule, ModuleVerdict verdict, Action action,
            List<String> tags, boolean backup, boolean deferred) {
        Disposition d = Decision.decide(ScanReport.of(verdict), rule);
        assertThat(d.action()).isEqualTo(action);
        assertThat(d.subjectTags()).containsExactlyElementsOf(tags);
        assertThat(d.backupCopy()).isEqualTo(backup);
        assertThat(d.deferred()).isEqualTo(deferred);
    }

    @Test
    void theDefaultRuleChecksSenderAuthenticationAndAcceptsOnDnsTrouble() {
        var section = DEFAULT.definition().module(SA);
        assertThat(section.enabled()).isTrue();
        assertThat(section.defersOnTemporaryFailure()).as("reference A.7: processed without authentication").isFalse();
        assertThat(section.option(ModuleOption.DMARC_ACTION)).isEqualTo("apply-policy");
        assertThat(section.actionFor(ScanStatus.SPF_FAIL)).isEqualTo(new StatusAction(Action.SKIP, false, "[SPF fail]"));
        assertThat(section.actionFor(ScanStatus.DKIM_FAIL)).isEqualTo(new StatusAction(Action.SKIP, false, "[DKIM fail]"));
    }
}
