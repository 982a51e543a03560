package io.bulwark.events.settings;

import io.bulwark.events.AggregateCommand;

/** Replace the inbound and outbound TLS policies of every node with {@code settings}, as one change. */
public record ChangeTlsPolicySettingsCommand(TlsPolicySettings settings, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return SettingsIds.TLS_POLICY;
    }
}
