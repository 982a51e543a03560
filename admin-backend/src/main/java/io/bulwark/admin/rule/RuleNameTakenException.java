package io.bulwark.admin.rule;

/** Refusal of a create, copy or edit whose rule name another rule already has (case-insensitively). */
public class RuleNameTakenException extends InvalidRuleCommandException {
    public RuleNameTakenException(String name) {
        super("A rule named '" + name + "' already exists");
    }
}
