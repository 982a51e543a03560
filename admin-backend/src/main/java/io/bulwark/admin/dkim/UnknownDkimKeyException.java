package io.bulwark.admin.dkim;

/** No DKIM key has the id (the API answers 404). */
public class UnknownDkimKeyException extends InvalidDkimKeyException {
    public UnknownDkimKeyException(String keyId) {
        super("No DKIM key '" + keyId + "'");
    }
}
