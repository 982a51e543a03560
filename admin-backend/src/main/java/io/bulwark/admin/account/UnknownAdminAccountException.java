package io.bulwark.admin.account;

/** Refusal of a command or request for an account that does not exist (or was deleted). Answered 404. */
public class UnknownAdminAccountException extends RuntimeException {
    public UnknownAdminAccountException(String username) {
        super("There is no account named '" + username + "'");
    }
}
