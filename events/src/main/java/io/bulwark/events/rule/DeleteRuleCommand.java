package io.bulwark.events.rule;

import io.bulwark.events.AggregateCommand;

/**
 * Delete a rule (not allowed for the Default rule).
 */
public record DeleteRuleCommand(String ruleId, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return RuleSetIds.RULES;
    }
}
