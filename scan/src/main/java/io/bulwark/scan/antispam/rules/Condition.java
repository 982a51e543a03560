package io.bulwark.scan.antispam.rules;

import io.bulwark.scan.message.HeaderField;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The test of one rule, as the rule file writes it (docs/antispam.md, "Rule files"). A closed set:
 * header, body, URI, built-in eval and meta. Immutable.
 */
public sealed interface Condition {

    /** Whether the condition holds for the message; {@code fired} has the non-meta rules that fired. */
    boolean test(RuleInput input, Map<String, Boolean> fired);

    /** {@code header NAME =~ /re/} (any field matches) or {@code header NAME !~ /re/} (none does). */
    record Header(String field, Pattern pattern, boolean negated) implements Condition {
        @Override
        public boolean test(RuleInput input, Map<String, Boolean> fired) {
            return test(input, value -> true);
        }

        /** The test, with the expression run only on the values {@code mayMatch} lets through. */
        boolean test(RuleInput input, Predicate<String> mayMatch) {
            List<HeaderField> fields = input.message().headers(field);
            boolean any = fields.stream().anyMatch(f -> mayMatch.test(f.value()) && pattern.matcher(f.value()).find());
            return negated != any;
        }
    }

    /** {@code header NAME exists} or {@code header NAME missing}. */
    record HeaderPresence(String field, boolean present) implements Condition {
        @Override
        public boolean test(RuleInput input, Map<String, Boolean> fired) {
            return input.message().headers(field).isEmpty() != present;
        }
    }

    /** {@code body /re/}: the visible text of the inline text parts, whitespace collapsed. */
    record Body(Pattern pattern) implements Condition {
        @Override
        public boolean test(RuleInput input, Map<String, Boolean> fired) {
            return pattern.matcher(input.text().text()).find();
        }
    }

    /** {@code uri /re/}: any link of the message. */
    record Uri(Pattern pattern) implements Condition {
        @Override
        public boolean test(RuleInput input, Map<String, Boolean> fired) {
            return test(input, url -> true);
        }

        /** The test, with the expression run only on the links {@code mayMatch} lets through. */
        boolean test(RuleInput input, Predicate<String> mayMatch) {
            return input.text().urls().stream().anyMatch(u -> mayMatch.test(u) && pattern.matcher(u).find());
        }
    }

    /** {@code eval NAME}: one of the built-in tests of {@link Evals}. */
    record Eval(String function) implements Condition {
        @Override
        public boolean test(RuleInput input, Map<String, Boolean> fired) {
            return Evals.run(function, input);
        }
    }

    /** {@code meta EXPR}: rule names joined with {@code &&}, {@code ||}, {@code !} and parentheses. */
    record Meta(String expression, Expr expr) implements Condition {
        @Override
        public boolean test(RuleInput input, Map<String, Boolean> fired) {
            return expr.eval(fired);
        }
    }

    /** A parsed meta expression. */
    sealed interface Expr {
        boolean eval(Map<String, Boolean> fired);

        /** A rule's name: true when it fired. */
        record Name(String rule) implements Expr {
            @Override
            public boolean eval(Map<String, Boolean> fired) {
                return fired.getOrDefault(rule, false);
            }
        }

        /** Negation. */
        record Not(Expr inner) implements Expr {
            @Override
            public boolean eval(Map<String, Boolean> fired) {
                return !inner.eval(fired);
            }
        }

        /** Conjunction ({@code and}) or disjunction. */
        record Both(Expr left, Expr right, boolean and) implements Expr {
            @Override
            public boolean eval(Map<String, Boolean> fired) {
                return and ? left.eval(fired) && right.eval(fired) : left.eval(fired) || right.eval(fired);
            }
        }
    }
}
