package io.bulwark.events.admin;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The login throttle locked an account or a source address after too many failed logins (issue 14:
 * lockouts belong in the audit log). One event per lock, when it starts; attempts refused while it
 * lasts are recorded as throttled {@link AdminLoginRecordedEvent}s.
 *
 * @param username      the locked account; null when the address was locked (an attempt that named
 *                      no account never records what was typed)
 * @param remoteAddress the address of the failure that caused the lock; for an address lock, the
 *                      locked address
 * @param scope         "account" or "address"
 * @param failures      failed attempts counted when the lock started
 * @param lockedUntil   when the lock ends
 * @param at            when the lock started
 */
@EventRevision("1")
public record AdminLockedOutEvent(String username, String remoteAddress, String scope, int failures,
        Instant lockedUntil, Instant at) {

    /** Scope of a lock on one account. */
    public static final String ACCOUNT = "account";
    /** Scope of a lock on one source address. */
    public static final String ADDRESS = "address";
}
