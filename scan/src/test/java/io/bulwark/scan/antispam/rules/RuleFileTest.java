package io.bulwark.scan.antispam.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RuleFileTest {

    @Test
    void readsEveryKindOfTestWithWeightAndReason() {
        List<Rule> rules = RuleFile.parse("t.rules", """
                # a comment
                rule A_HEADER
                    header Subject =~ /win/i
                    weight 5
                    reason subject says win

                rule B_MISSING
                    header Message-ID missing
                    weight 2.5
                    reason no id
                rule C_BODY
                    body /cash/
                    weight 3
                    reason cash
                rule D_URI
                    uri /bit\\.ly/
                    weight 4
                    reason shortener
                rule E_EVAL
                    eval subject_all_caps
                    weight -1
                    reason caps
                rule F_META
                    meta A_HEADER && !(B_MISSING || C_BODY)
                    weight 1
                    reason combined
                """);
        assertThat(rules).extracting(Rule::name).containsExactly("A_HEADER", "B_MISSING", "C_BODY", "D_URI",
                "E_EVAL", "F_META");
        assertThat(rules).extracting(Rule::weight).containsExactly(5.0, 2.5, 3.0, 4.0, -1.0, 1.0);
        assertThat(rules.get(0).condition()).isInstanceOf(Condition.Header.class);
        assertThat(rules.get(1).condition()).isEqualTo(new Condition.HeaderPresence("Message-ID", false));
        assertThat(rules.get(5).condition()).isInstanceOf(Condition.Meta.class);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "rule bad_name\\n body /x/\\n weight 1\\n reason r | t.rules:1: rule name must be upper case",
            "rule A\\n body /x/\\n weight 1\\n reason r\\nrule A\\n body /y/\\n weight 1\\n reason r | t.rules:5: rule A is defined twice",
            "rule A\\n body /x/\\n reason r | t.rules:1: rule A needs a test, a weight and a reason",
            "rule A\\n body /(/\\n weight 1\\n reason r | t.rules:2: bad regular expression",
            "rule A\\n eval no_such_test\\n weight 1\\n reason r | t.rules:2: no built-in test no_such_test",
            "rule A\\n meta B && C\\n weight 1\\n reason r | t.rules:2: meta refers to B, not defined above it",
            "rule A\\n body /x/\\n weight 500\\n reason r | t.rules:3: weight must be within -100..100",
            "rule A\\n body /x/\\n body /y/\\n weight 1\\n reason r | t.rules:3: rule A has a second test",
            "weight 3 | t.rules:1: weight outside a rule",
            "rule A\\n header Subject /x/\\n weight 1\\n reason r | t.rules:2: header test must be"})
    void refusesABrokenFileNamingTheLine(String text, String message) {
        assertThatThrownBy(() -> RuleFile.parse("t.rules", text.replace("\\n", "\n")))
                .isInstanceOf(RuleFile.RuleFileException.class).hasMessageStartingWith(message);
    }

    @Test
    void starterRulesParseAndStayBelowTheProbableSpamThresholdEachAlone() {
        List<Rule> rules = RuleFile.starter();
        assertThat(rules).hasSizeGreaterThan(40);
        assertThat(rules).allSatisfy(r -> assertThat(r.weight()).isLessThan(40));
    }
}
