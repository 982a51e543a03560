package io.bulwark.events.admin;

import io.bulwark.events.AggregateCommand;

/** Make an account change its password at its next sign-in. */
public record RequireAdminPasswordChangeCommand(String username, String reason, String actor)
        implements AggregateCommand {
    @Override
    public String targetId() {
        return username;
    }
}
