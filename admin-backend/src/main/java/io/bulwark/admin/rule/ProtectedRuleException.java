package io.bulwark.admin.rule;

/** Refusal to delete, move, disable or rename the Default rule. */
public class ProtectedRuleException extends InvalidRuleCommandException {
    public ProtectedRuleException(String message) {
        super(message);
    }
}
