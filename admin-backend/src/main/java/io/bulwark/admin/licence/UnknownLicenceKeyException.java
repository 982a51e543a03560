package io.bulwark.admin.licence;

/** No key in that slot, no such activation code, or a licence number not blocked (the API's 404). */
public class UnknownLicenceKeyException extends RuntimeException {
    public UnknownLicenceKeyException(String message) {
        super(message);
    }
}
