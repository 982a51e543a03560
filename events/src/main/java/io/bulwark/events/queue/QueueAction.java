package io.bulwark.events.queue;

/** What an administrator can do to queued messages (the commercial gateway's Send, Delete; Postfix's hold/release). */
public enum QueueAction {
    /** Attempt delivery now, whatever the back-off said (Postfix {@code postqueue -i}). Held messages stay held. */
    FORCE_DELIVERY,
    /** Remove from the queue without delivering or bouncing (Postfix {@code postsuper -d}); no DSN is sent. */
    DELETE,
    /** Keep the message but never attempt it until released (Postfix {@code postsuper -h}). */
    HOLD,
    /** Make a held message deliverable again, at once (Postfix {@code postsuper -H}). */
    RELEASE
}
