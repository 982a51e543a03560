package io.bulwark.admin.cef;

/** A CEF export settings change was refused (400 over the API). */
public class InvalidCefSettingsException extends RuntimeException {
    public InvalidCefSettingsException(String message) {
        super(message);
    }
}
