package io.bulwark.events.admin;

import io.bulwark.events.AggregateCommand;

/** Disable an account: it can no longer sign in, its history stays (the actor is the administrator who asks). */
public record DisableAdminAccountCommand(String username, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return username;
    }
}
