package io.bulwark.admin.antispam;

/** A mark that already has the asked verdict, or an untraining of a message that is not marked (409). */
public class TrainingConflictException extends RuntimeException {
    public TrainingConflictException(String message) {
        super(message);
    }
}
