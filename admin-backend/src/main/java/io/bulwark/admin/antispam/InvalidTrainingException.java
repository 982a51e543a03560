package io.bulwark.admin.antispam;

/** A training request that cannot be carried out as given (the API's 400). */
public class InvalidTrainingException extends RuntimeException {
    public InvalidTrainingException(String message) {
        super(message);
    }
}
