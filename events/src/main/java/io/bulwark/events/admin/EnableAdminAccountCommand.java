package io.bulwark.events.admin;

import io.bulwark.events.AggregateCommand;

/** Enable a disabled account again. */
public record EnableAdminAccountCommand(String username, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return username;
    }
}
