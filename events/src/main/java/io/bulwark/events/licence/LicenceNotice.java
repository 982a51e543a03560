package io.bulwark.events.licence;

/**
 * A change of the licence's state that administrators are told about (reference notes E,
 * "Warnings"; 1.x notifications and the License CEF group). Raised once per transition by the
 * licence check; the CEF class each one corresponds to is named below for the exporter.
 */
public enum LicenceNotice {
    /** A valid key is in force ({@code LMS_EV_LICENSE_OK}). */
    LICENCE_OK,
    /** No active key while licensing is enforced: nothing is scanned ({@code LMS_EV_NO_LICENSE}). */
    NO_LICENCE,
    /** The active key is not valid yet ({@code LMS_EV_LICENSE_INVALID}). */
    INVALID,
    /** The active key expires within the warning period; the days left are given ({@code LMS_EV_LICENSE_EXPIRES_SOON}). */
    EXPIRES_SOON,
    /** A subscription expired and is in its grace period ({@code LMS_EV_GRACE_PERIOD}). */
    GRACE_PERIOD,
    /** A commercial key (or a subscription after its grace) expired: updates stop ({@code LMS_EV_LICENSE_EXPIRED}). */
    EXPIRED,
    /** A trial key expired: scanning and updates stop ({@code LMS_EV_LICENSE_TRIAL_EXPIRED}). */
    TRIAL_EXPIRED,
    /** The active key is on the deny list: scanning stops ({@code LMS_EV_LICENSE_BLACKLISTED}). */
    BLOCKED,
    /** A valid key is in force again after a warning, expiry or block ({@code LMS_EV_LICENSE_UPDATED}, "License renewed"). */
    RENEWED
}
