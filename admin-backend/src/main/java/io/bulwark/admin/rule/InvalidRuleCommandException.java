package io.bulwark.admin.rule;

/**
 * Refusal of a rule set or global list command whose content is invalid (name, pattern, network,
 * action, position). The message is meant for the administrator and names what is wrong.
 */
public class InvalidRuleCommandException extends IllegalArgumentException {
    public InvalidRuleCommandException(String message) {
        super(message);
    }
}
