package io.bulwark.events.admin;

import io.bulwark.events.AggregateCommand;

/** Delete an account: it can no longer sign in and its name may be taken again; its events stay for the auditors. */
public record DeleteAdminAccountCommand(String username, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return username;
    }
}
