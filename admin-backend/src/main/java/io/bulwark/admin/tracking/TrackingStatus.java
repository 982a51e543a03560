package io.bulwark.admin.tracking;

import java.util.EnumSet;
import java.util.Set;

/**
 * Statuses of the message tracking projection, at message and at recipient level. The names are
 * the values of {@link io.bulwark.events.query.MessageTrackingView#status()}.
 */
public enum TrackingStatus {
    /** Accepted and spooled, not yet queued. */
    RECEIVED,
    /** In a queue of its node, waiting for or in a delivery attempt. */
    QUEUED,
    /** The last attempt failed temporarily; a retry is scheduled. */
    DEFERRED,
    /** The next hop accepted it (for every recipient, at message level). */
    DELIVERED,
    /** Message level only: delivered to some recipients, bounced or rejected for the others. */
    PARTIALLY_DELIVERED,
    /** Delivery failed permanently. */
    BOUNCED,
    /** Refused during the SMTP dialogue. */
    REJECTED,
    /** Accepted, then not delivered to these recipients by policy (a rule said delete). */
    DELETED;

    private static final Set<TrackingStatus> FINAL = EnumSet.of(DELIVERED, PARTIALLY_DELIVERED, BOUNCED, REJECTED, DELETED);

    /** Whether nothing further happens to a recipient (or message) in this status. */
    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** Whether {@code name} is one of the statuses, as a query filter must be. */
    public static boolean isValid(String name) {
        for (TrackingStatus status : values()) {
            if (status.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
