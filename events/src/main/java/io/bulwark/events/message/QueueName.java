package io.bulwark.events.message;

/** The gateway's queues, as a postmaster knows them from Postfix and the commercial gateway. */
public enum QueueName {
    /** Received and durable, not yet picked up by a delivery worker. */
    INCOMING,
    /** A delivery attempt is under way. */
    ACTIVE,
    /** The last attempt failed temporarily; a retry is scheduled. */
    DEFERRED,
    /** Held by an administrator: not delivered until released. */
    HOLD,
    /**
     * Held by the Anti-Spam Quarantine (reference D.3): the anti-spam rating fell in the rule's
     * uncertain band; re-checked after a delay, releasable by an administrator
     * ({@code io.bulwark.events.quarantine}).
     */
    SPAM_QUARANTINE
}
