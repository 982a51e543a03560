package io.bulwark.events.rule;

import io.bulwark.events.AggregateCommand;

/**
 * Switch a rule on.
 */
public record EnableRuleCommand(String ruleId, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return RuleSetIds.RULES;
    }
}
