package io.bulwark.events.admin;

import io.bulwark.events.AggregateCommand;

/**
 * Create a console/API account.
 *
 * @param username     unique login name (the aggregate id)
 * @param role         one of {@link AdminRole}'s names
 * @param passwordHash the password, already hashed (bcrypt); the clear password never enters a
 *                     command or an event
 * @param actor        who asked for it ("system" for the first start)
 */
public record CreateAdminAccountCommand(String username, String role, String passwordHash, String actor)
        implements AggregateCommand {
    @Override
    public String targetId() {
        return username;
    }
}
