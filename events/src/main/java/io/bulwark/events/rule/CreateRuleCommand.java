package io.bulwark.events.rule;

import io.bulwark.events.AggregateCommand;

/**
 * Create a rule at the top of the list (highest priority, as in the commercial gateway).
 *
 * @param ruleId     new identifier chosen by the caller (a UUID), so that a retried command is
 *                   recognisable and the caller knows the id without a reply
 * @param definition the rule's settings
 * @param actor      the administrator
 */
public record CreateRuleCommand(String ruleId, RuleDefinition definition, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return RuleSetIds.RULES;
    }
}
