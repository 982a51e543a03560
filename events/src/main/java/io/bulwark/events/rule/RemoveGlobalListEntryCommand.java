package io.bulwark.events.rule;

import io.bulwark.events.AggregateCommand;

/**
 * Remove an entry from the global allow or deny list.
 */
public record RemoveGlobalListEntryCommand(GlobalListKind list, GlobalListEntry entry, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return RuleSetIds.GLOBAL_LISTS;
    }
}
