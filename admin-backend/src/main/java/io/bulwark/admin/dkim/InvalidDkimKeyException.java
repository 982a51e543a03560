package io.bulwark.admin.dkim;

/** A DKIM key command or upload was refused as invalid (the API answers 400). */
public class InvalidDkimKeyException extends IllegalArgumentException {
    public InvalidDkimKeyException(String message) {
        super(message);
    }

    public InvalidDkimKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
