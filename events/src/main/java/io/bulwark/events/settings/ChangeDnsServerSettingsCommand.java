package io.bulwark.events.settings;

import io.bulwark.events.AggregateCommand;

/** Replace the DNS resolvers and timeout of every node with {@code settings}, as one change. */
public record ChangeDnsServerSettingsCommand(DnsServerSettings settings, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return SettingsIds.DNS;
    }
}
