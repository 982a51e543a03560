package io.bulwark.events.rule;

import io.bulwark.events.AggregateCommand;

/**
 * Switch a rule off (not allowed for the Default rule).
 */
public record DisableRuleCommand(String ruleId, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return RuleSetIds.RULES;
    }
}
