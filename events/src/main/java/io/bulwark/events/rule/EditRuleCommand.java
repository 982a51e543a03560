package io.bulwark.events.rule;

import io.bulwark.events.AggregateCommand;

/**
 * Replace a rule's settings (name, description, enabled, mode, criteria, module sections).
 * The position is unchanged; see {@link MoveRuleCommand}.
 */
public record EditRuleCommand(String ruleId, RuleDefinition definition, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return RuleSetIds.RULES;
    }
}
