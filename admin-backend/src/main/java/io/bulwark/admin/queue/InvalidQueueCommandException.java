package io.bulwark.admin.queue;

/** A queue control command was refused as invalid (the API answers 400). */
public class InvalidQueueCommandException extends IllegalArgumentException {
    public InvalidQueueCommandException(String message) {
        super(message);
    }
}
