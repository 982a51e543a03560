package io.bulwark.events.settings;

import io.bulwark.events.AggregateCommand;

/** Replace the global module switches of every node with {@code settings}, as one change. */
public record ChangeModuleSwitchesSettingsCommand(ModuleSwitches settings, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return SettingsIds.MODULES;
    }
}
