package io.bulwark.admin.account;

/** Refusal of an account command whose content is invalid (username, role, hash, actor). */
public class InvalidAdminAccountCommandException extends IllegalArgumentException {
    public InvalidAdminAccountCommandException(String message) {
        super(message);
    }
}
