package io.bulwark.admin.account;

/** An account operation the signed-in account may not perform. Answered 403. */
public class AccountAccessDeniedException extends RuntimeException {
    public AccountAccessDeniedException(String message) {
        super(message);
    }
}
