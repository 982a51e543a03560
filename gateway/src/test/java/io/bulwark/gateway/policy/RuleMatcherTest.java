package io.bulwark.gateway.policy;

import io.bulwark.scan.policy.RuleMatcher;
import io.bulwark.scan.policy.RecipientGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.scan.message.Envelope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleMatcherTest {
    static RuleEntry rule(String id, List<String> senders, List<String> networks, List<String> recipients, boolean enabled) {
        return new RuleEntry(id, RuleKind.CUSTOM, RuleDefinition.withDefaults(id, new SenderCriteria(senders, networks),
                new RecipientCriteria(recipients)).withEnabled(enabled));
    }

    static final List<RuleEntry> RULES;

    static {
        List<RuleEntry> rules = new ArrayList<>();
        rules.add(rule("off", List.of("*"), List.of(), List.of("*"), false));
        rules.add(rule("partners", List.of("*@partner.example", "re:.*@(eu|us)\\.supplier\\.example"), List.of(), List.of("sales@corp.example"), true));
        rules.add(rule("office-net", List.of(), List.of("198.51.100.0/24", "2001:db8:1::/48"), List.of("*@corp.example"), true));
        rules.add(rule("domain-mask", List.of("*.bank.example"), List.of(), List.of("finance.corp.example", "j?ne@corp.example"), true));
        rules.add(rule("bounces", List.of("<>"), List.of(), List.of("*"), true));
        rules.addAll(RulePresets.initialRules());
        RULES = List.copyOf(rules);
    }

    final RuleMatcher matcher = new RuleMatcher(RULES);

    @ParameterizedTest(name = "{0} from {1} to {2} -> {3}")
    @CsvSource({
            "a@partner.example, 192.0.2.1, sales@corp.example, partners",
            "A@PARTNER.EXAMPLE, 192.0.2.1, SALES@corp.example, partners",
            "a@partner.example, 192.0.2.1, other@corp.example, default",
            "x@eu.supplier.example, 192.0.2.1, sales@corp.example, partners",
            "x@asia.supplier.example, 192.0.2.1, sales@corp.example, default",
            "x@anywhere.example, 198.51.100.77, bob@corp.example, office-net",
            "x@anywhere.example, ::ffff:198.51.100.77, bob@corp.example, office-net",
            "x@anywhere.example, 2001:db8:1:2::5, bob@corp.example, office-net",
            "x@anywhere.example, 2001:db8:2::5, bob@corp.example, default",
            "a@partner.example, 198.51.100.9, sales@corp.example, partners",
            "no@mail.bank.example, 192.0.2.1, cfo@finance.corp.example, domain-mask",
            "no@mail.bank.example, 192.0.2.1, jane@corp.example, domain-mask",
            "no@mail.bank.example, 192.0.2.1, joanne@corp.example, default",
            "'', 192.0.2.1, anyone@corp.example, bounces"})
    void theFirstEnabledMatchingRuleAppliesElseDefault(String sender, String ip, String rcpt, String expected) {
        assertThat(matcher.ruleFor(sender, ip, rcpt).ruleId()).isEqualTo(expected);
    }

    @Test
    void groupsRecipientsByRuleInEnvelopeOrder() {
        Envelope env = new Envelope("a@partner.example", List.of("x@other.example", "sales@corp.example", "y@other.example"),
                "192.0.2.1", "mx");
        List<RecipientGroup> groups = matcher.group(env);
        assertThat(groups).extracting(g -> g.rule().ruleId()).containsExactly("default", "partners");
        assertThat(groups.get(0).recipients()).containsExactly("x@other.example", "y@other.example");
        assertThat(groups.get(1).recipients()).containsExactly("sales@corp.example");
    }

    @Test
    void aRuleListWithoutDefaultIsRefused() {
        assertThatThrownBy(() -> new RuleMatcher(List.of(RULES.get(1)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoredPatternTheLinearEngineRefusesMatchesNothingAndTheRestOfTheRuleStillWorks() {
        // Saved before patterns moved to RE2: a backreference, valid for java.util.regex only.
        RuleEntry stale = rule("stale", List.of("re:(a)\\1@legacy\\.example", "*@kept.example"), List.of(),
                List.of("*@corp.example"), true);
        List<RuleEntry> rules = new ArrayList<>(List.of(stale));
        rules.addAll(RulePresets.initialRules());
        RuleMatcher withStale = new RuleMatcher(rules);
        assertThat(withStale.ruleFor("aa@legacy.example", "192.0.2.1", "bob@corp.example").ruleId()).isEqualTo("default");
        assertThat(withStale.ruleFor("x@kept.example", "192.0.2.1", "bob@corp.example").ruleId()).isEqualTo("stale");
    }
}
