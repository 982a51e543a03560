package io.bulwark.scan.licence;

import io.bulwark.events.licence.LicenceNotice;

/** Where the active key stands at a given time; each phase but two has a notice of the same name. */
public enum LicencePhase {
    /** Community mode: nothing to tell. */
    COMMUNITY(null),
    /** No active key while licensing applies. */
    NO_LICENCE(LicenceNotice.NO_LICENCE),
    /** The active key's start is ahead. */
    NOT_YET_VALID(LicenceNotice.INVALID),
    /** Valid and further than the warning period from expiry. */
    VALID(LicenceNotice.LICENCE_OK),
    /** Valid, expiring within the warning period. */
    EXPIRES_SOON(LicenceNotice.EXPIRES_SOON),
    /** A subscription past expiry, in its grace period. */
    GRACE_PERIOD(LicenceNotice.GRACE_PERIOD),
    /** Commercial past expiry, or a subscription past its grace: scanning on, updates off. */
    EXPIRED(LicenceNotice.EXPIRED),
    /** A trial past expiry: scanning and updates off. */
    TRIAL_EXPIRED(LicenceNotice.TRIAL_EXPIRED),
    /** The active key is blocked. */
    BLOCKED(LicenceNotice.BLOCKED);

    private final LicenceNotice notice;

    LicencePhase(LicenceNotice notice) {
        this.notice = notice;
    }

    /** The notice raised on entering this phase (null for community mode). */
    public LicenceNotice notice() {
        return notice;
    }

    /** Whether the console shows a warning banner in this phase. */
    public boolean warns() {
        return this != COMMUNITY && this != VALID;
    }

    /** The phase a notice reports ({@code RENEWED} reports VALID). */
    public static LicencePhase of(LicenceNotice notice) {
        return notice == LicenceNotice.RENEWED ? VALID : java.util.Arrays.stream(values())
                .filter(p -> p.notice == notice).findFirst().orElseThrow();
    }
}
