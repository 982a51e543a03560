package io.bulwark.scan.antispam.rules;

import java.util.Objects;

/**
 * One anti-spam rule: a symbol name, its test, its default weight on the 0-100 rating scale
 * (negative for signs of legitimate mail) and the reason reported when it fires.
 *
 * @param name      the symbol it reports
 * @param condition its test
 * @param weight    default weight; configuration may override it per symbol
 * @param reason    what its firing means, for administrators
 */
public record Rule(String name, Condition condition, double weight, String reason) {
    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(reason, "reason");
    }
}
