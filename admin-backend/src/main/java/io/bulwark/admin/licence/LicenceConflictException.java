package io.bulwark.admin.licence;

/** A licence change that conflicts with the licence's state (the API's 409): a trial used before, a blocked key. */
public class LicenceConflictException extends IllegalStateException {
    public LicenceConflictException(String message) {
        super(message);
    }
}
