package io.bulwark.events.rule;

import io.bulwark.events.AggregateCommand;

/**
 * Choose what the deny list does: {@link Action#REJECT} (the default: the sending server
 * reports it) or {@link Action#DELETE_MESSAGE} (accept and drop, for gateways behind another
 * relay, where a reject would make that relay send backscatter).
 */
public record SetDenyListActionCommand(Action action, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return RuleSetIds.GLOBAL_LISTS;
    }
}
