package io.bulwark.events.settings;

import io.bulwark.events.AggregateCommand;

/** Replace the SMTP listener limits of every node with {@code settings}, as one change. */
public record ChangeMtaSettingsCommand(MtaSettings settings, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return SettingsIds.MTA;
    }
}
