package io.bulwark.admin.rule;

import io.bulwark.admin.support.BackendUnavailableException;

/** The rules read model did not answer in time (or failed); the caller may try again. */
public class RulesUnavailableException extends BackendUnavailableException {
    public RulesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
