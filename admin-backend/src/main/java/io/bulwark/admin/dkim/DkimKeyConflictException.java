package io.bulwark.admin.dkim;

/** The key collides with an existing one, e.g. the same domain and selector (the API answers 409). */
public class DkimKeyConflictException extends InvalidDkimKeyException {
    public DkimKeyConflictException(String message) {
        super(message);
    }
}
