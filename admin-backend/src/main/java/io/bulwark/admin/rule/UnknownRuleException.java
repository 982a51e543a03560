package io.bulwark.admin.rule;

/** Refusal of a command that names a rule (or list entry) that does not exist. */
public class UnknownRuleException extends InvalidRuleCommandException {
    public UnknownRuleException(String message) {
        super(message);
    }
}
