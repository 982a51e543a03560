package io.bulwark.events.settings;

import io.bulwark.events.AggregateCommand;

/** Replace the mail routing of every node with {@code settings}, as one change. */
public record ChangeRoutingSettingsCommand(RoutingSettings settings, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return SettingsIds.ROUTING;
    }
}
