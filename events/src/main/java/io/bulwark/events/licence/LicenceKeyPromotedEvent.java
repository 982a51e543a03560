package io.bulwark.events.licence;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The additional key became the active key (the active key expired or was removed).
 *
 * @param key                   the key now active
 * @param previousLicenceNumber the key it took over from, or null when there was none
 * @param reason                why, in words
 * @param actor                 the administrator, or {@value LicenceIds#SYSTEM_ACTOR}
 * @param at                    when
 */
@EventRevision("1")
public record LicenceKeyPromotedEvent(LicenceKeyFacts key, String previousLicenceNumber, String reason, String actor,
        Instant at) {
}
