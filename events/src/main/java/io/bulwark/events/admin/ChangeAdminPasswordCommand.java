package io.bulwark.events.admin;

import io.bulwark.events.AggregateCommand;

/** Replace an account's password hash. */
public record ChangeAdminPasswordCommand(String username, String passwordHash, String actor)
        implements AggregateCommand {
    @Override
    public String targetId() {
        return username;
    }
}
