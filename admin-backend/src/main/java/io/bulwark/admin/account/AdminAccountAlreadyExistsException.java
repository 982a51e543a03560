package io.bulwark.admin.account;

/** Refusal of {@code CreateAdminAccountCommand} for a username that is already taken. */
public class AdminAccountAlreadyExistsException extends RuntimeException {
    public AdminAccountAlreadyExistsException(String username) {
        super("An account named '" + username + "' already exists");
    }
}
