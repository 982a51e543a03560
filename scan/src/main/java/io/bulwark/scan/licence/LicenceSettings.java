package io.bulwark.scan.licence;

/**
 * How this installation reads its licence.
 *
 * @param enforce     {@code bulwark.licence.enforce}: without a key, nothing is scanned (default
 *                    false: an installation that never had a key runs in community mode, fully)
 * @param warningDays {@code bulwark.licence.warning-days}: days before expiry from which the
 *                    console warns (default 30)
 */
public record LicenceSettings(boolean enforce, int warningDays) {
    /** The defaults. */
    public static final LicenceSettings DEFAULTS = new LicenceSettings(false, 30);

    public LicenceSettings {
        if (warningDays < 0 || warningDays > 3650) {
            throw new IllegalArgumentException("bulwark.licence.warning-days is 0 to 3650, not " + warningDays);
        }
    }
}
