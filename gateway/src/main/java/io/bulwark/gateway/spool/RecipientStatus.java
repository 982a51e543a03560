package io.bulwark.gateway.spool;

/** Delivery state of one envelope recipient of a spooled message. */
public enum RecipientStatus {
    /** Not yet delivered; attempted again at the message's next attempt time. */
    PENDING,
    /** The next hop accepted it (final). */
    DELIVERED,
    /** Failed permanently; a DSN was queued unless the sender was null (final). */
    BOUNCED;

    /** Whether no further attempt will be made for a recipient in this state. */
    public boolean isFinal() {
        return this != PENDING;
    }
}
