package io.bulwark.events.licence;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A licence key was installed (CEF {@code LMS_EV_LICENSE_INSTALLED}, or {@code _UPDATED} when it
 * replaced a key).
 *
 * @param slot                  active or additional
 * @param key                   what the key certifies
 * @param replacedLicenceNumber the licence number of the key it replaced in that slot, or null
 * @param source                {@value LicenceIds#SOURCE_FILE} or {@value LicenceIds#SOURCE_ACTIVATION_CODE}
 * @param actor                 the administrator
 * @param at                    when
 */
@EventRevision("1")
public record LicenceKeyInstalledEvent(LicenceSlot slot, LicenceKeyFacts key, String replacedLicenceNumber,
        String source, String actor, Instant at) {
}
