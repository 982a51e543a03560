package io.bulwark.events.quarantine;

/** Shared vocabulary of the Anti-Spam Quarantine events. */
public final class SpamQuarantineEvents {
    /** The actor of the moves a gateway node makes by itself (hold, re-check, expiry). */
    public static final String SYSTEM = "system";
    /** The queue the queue view shows held messages in ({@code io.bulwark.events.message.QueueName}). */
    public static final String QUEUE = "SPAM_QUARANTINE";

    private SpamQuarantineEvents() {
    }
}
