package io.bulwark.events.licence;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A licence key was removed from its slot. When it was the active key and an additional key was
 * installed, a {@link LicenceKeyPromotedEvent} follows.
 *
 * @param slot  the slot it left
 * @param key   the removed key
 * @param actor the administrator
 * @param at    when
 */
@EventRevision("1")
public record LicenceKeyRemovedEvent(LicenceSlot slot, LicenceKeyFacts key, String actor, Instant at) {
}
