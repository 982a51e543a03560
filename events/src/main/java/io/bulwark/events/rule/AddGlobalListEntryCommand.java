package io.bulwark.events.rule;

import io.bulwark.events.AggregateCommand;

/**
 * Add an entry to the global allow or deny list.
 */
public record AddGlobalListEntryCommand(GlobalListKind list, GlobalListEntry entry, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return RuleSetIds.GLOBAL_LISTS;
    }
}
