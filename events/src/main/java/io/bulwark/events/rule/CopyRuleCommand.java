package io.bulwark.events.rule;

import io.bulwark.events.AggregateCommand;

/**
 * Copy a rule under a new name. The copy goes to the top and starts <em>disabled</em>: an
 * enabled copy at the top would at once take all mail of the original, which is rarely what the
 * administrator wants before editing it.
 */
public record CopyRuleCommand(String sourceRuleId, String newRuleId, String newName, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return RuleSetIds.RULES;
    }
}
