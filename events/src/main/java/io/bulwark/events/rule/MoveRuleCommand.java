package io.bulwark.events.rule;

import io.bulwark.events.AggregateCommand;

/**
 * Move a rule to a position (0 = top); the rules in between shift by one. The Default rule
 * stays last, so the highest position a rule can take is the one just above it.
 */
public record MoveRuleCommand(String ruleId, int toPosition, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return RuleSetIds.RULES;
    }
}
