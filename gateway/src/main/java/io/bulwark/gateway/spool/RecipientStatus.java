package io.bulwark.gateway.spool;

/** Delivery state of one envelope recipient of a spooled message. */
public enum RecipientStatus {
    /** Not yet delivered; attempted again at the message's next attempt time. */
    PENDING,
    /** The next hop accepted it (final). */
    DELIVERED,
    /** Failed permanently; a DSN was queued unless the sender was null (final). */
    BOUNCED,
    /**
     * Not delivered by policy: the recipient's rule said Delete message, or Reject while other
     * recipients were accepted (final; no DSN, see {@code MultiGroupResolution}).
     */
    DELETED;

    /** Whether no further attempt will be made for a recipient in this state. */
    public boolean isFinal() {
        return this != PENDING;
    }
}
