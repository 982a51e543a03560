package io.bulwark.admin.support;

/**
 * A backend the request needs did not answer: the command or query bus (no handler connected, no
 * answer within {@link BusCalls#TIMEOUT}, interrupted) or an outside service such as the licence
 * activation service. {@link ApiExceptionHandler} answers it with 503 for every controller, so
 * controllers need no handler of their own; any other exception, an {@link IllegalStateException}
 * from a bug included, stays a 500.
 *
 * <p>It is an {@link IllegalStateException} so that callers written against the older contract
 * (console pages that show an unavailable backend as a refusal) keep working; the API maps only
 * this type to 503 (ADR 0032).
 */
public class BackendUnavailableException extends IllegalStateException {

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
