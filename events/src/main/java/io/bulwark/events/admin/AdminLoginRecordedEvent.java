package io.bulwark.events.admin;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A login to the console or the API, successful or not, or refused by the login throttle.
 *
 * <p>Revision 2 (issue 18): an attempt that names no known account records <em>no</em> username,
 * because people type passwords into the username field; it is marked {@code unknownAccount}
 * instead. Revision 1 recorded what was typed in every case and did not record whether an account
 * of that name existed, so its failures cannot be told apart: the store's
 * {@code AdminLoginUpcaster} leaves their username as it was and sets {@code unknownAccount} to
 * {@code null} ("not recorded"); see docs/security.md.
 *
 * @param username       the account's name; null when {@code unknownAccount} is true
 * @param success        whether the password was right
 * @param remoteAddress  the client's address
 * @param channel        "console" or "api"
 * @param at             when
 * @param unknownAccount true: the attempt named no account (and its text is not recorded); false:
 *                       a known account; null: not recorded (revision-1 failures)
 * @param throttled      the attempt was refused by the login throttle before the password was checked
 */
@EventRevision("2")
public record AdminLoginRecordedEvent(String username, boolean success, String remoteAddress, String channel,
        Instant at, Boolean unknownAccount, boolean throttled) {

    /** An attempt for a known account. */
    public static AdminLoginRecordedEvent ofAccount(String username, boolean success, String remoteAddress,
            String channel, Instant at, boolean throttled) {
        return new AdminLoginRecordedEvent(username, success, remoteAddress, channel, at, false, throttled);
    }

    /** A failed attempt that named no account: what was typed is not kept. */
    public static AdminLoginRecordedEvent ofUnknownAccount(String remoteAddress, String channel, Instant at,
            boolean throttled) {
        return new AdminLoginRecordedEvent(null, false, remoteAddress, channel, at, true, throttled);
    }
}
