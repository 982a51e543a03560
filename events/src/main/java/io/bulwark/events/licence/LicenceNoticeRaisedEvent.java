package io.bulwark.events.licence;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The licence check found the licence in a new state (raised once per transition). Carries the
 * License CEF group's fields.
 *
 * @param notice        what changed
 * @param licenceNumber the active key's licence number ({@code cs1}), null when there is none
 * @param functionality its functionality level ({@code cs2}), null when there is no key
 * @param keyType       its type ({@code cs3}), null when there is no key
 * @param daysLeft      days until expiry, or until the end of the grace period ({@code cn1}); null
 *                      where it means nothing
 * @param expiry        the key's expiry ({@code deviceCustomDate1}), null without a key
 * @param scanning      whether scanning goes on in this state
 * @param updates       whether database updates go on in this state
 * @param reason        a sentence for the administrator
 * @param actor         who asked for the check
 * @param at            when
 */
@EventRevision("1")
public record LicenceNoticeRaisedEvent(LicenceNotice notice, String licenceNumber, FunctionalityLevel functionality,
        LicenceType keyType, Integer daysLeft, Instant expiry, boolean scanning, boolean updates, String reason,
        String actor, Instant at) {
}
