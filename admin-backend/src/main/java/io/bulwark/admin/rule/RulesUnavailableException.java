package io.bulwark.admin.rule;

/** The rules read model did not answer in time (or failed); the caller may try again. */
public class RulesUnavailableException extends RuntimeException {
    public RulesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
