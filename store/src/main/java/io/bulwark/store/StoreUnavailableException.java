package io.bulwark.store;

/**
 * The store could not be read or written (connection lost, file unwritable, store closed).
 * Callers treat it as a temporary failure: every append is idempotent by event identifier, so
 * retrying later is safe.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
