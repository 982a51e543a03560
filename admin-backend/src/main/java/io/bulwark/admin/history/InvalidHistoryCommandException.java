package io.bulwark.admin.history;

/** A history command that cannot be carried out as given (answered 400 by the API). */
public class InvalidHistoryCommandException extends RuntimeException {
    public InvalidHistoryCommandException(String message) {
        super(message);
    }
}
