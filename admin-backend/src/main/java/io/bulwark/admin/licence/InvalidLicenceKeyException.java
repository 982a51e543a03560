package io.bulwark.admin.licence;

/** A licence key or licence command refused as invalid (the API's 400); the message says why and what to do. */
public class InvalidLicenceKeyException extends IllegalArgumentException {
    public InvalidLicenceKeyException(String message) {
        super(message);
    }
}
