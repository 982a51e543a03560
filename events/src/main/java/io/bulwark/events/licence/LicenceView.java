package io.bulwark.events.licence;

import java.time.Instant;
import java.util.List;

/**
 * The licence as its projection holds it: the keys, the deny list and the notices raised. The mode
 * in force (which depends on the clock) is computed from it by the reader.
 *
 * @param active            the active key, or null
 * @param activeInstalledAt when the active key was installed (or promoted), or null
 * @param additional        the additional key, or null
 * @param blocked           blocked licence numbers
 * @param keyEverInstalled  whether a key was ever installed (then "no key" means unlicensed)
 * @param notices           the notices raised, newest first (at most {@value #MAX_NOTICES})
 */
public record LicenceView(LicenceKeyFacts active, Instant activeInstalledAt, LicenceKeyFacts additional,
        List<String> blocked, boolean keyEverInstalled, List<Notice> notices) {
    /** How many notices the view keeps. */
    public static final int MAX_NOTICES = 50;

    public LicenceView {
        blocked = blocked == null ? List.of() : List.copyOf(blocked);
        notices = notices == null ? List.of() : List.copyOf(notices);
    }

    /** One notice as listed. */
    public record Notice(LicenceNotice notice, String licenceNumber, Integer daysLeft, String reason, Instant at) {
    }
}
