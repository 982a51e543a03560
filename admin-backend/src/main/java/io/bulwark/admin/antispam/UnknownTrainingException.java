package io.bulwark.admin.antispam;

/** No such message to train (no Backup copy) or no such mark (404). */
public class UnknownTrainingException extends RuntimeException {
    public UnknownTrainingException(String message) {
        super(message);
    }
}
