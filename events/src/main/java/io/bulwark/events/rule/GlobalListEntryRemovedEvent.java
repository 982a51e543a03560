package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * An entry was removed from a global list.
 */
@EventRevision("1")
public record GlobalListEntryRemovedEvent(GlobalListKind list, GlobalListEntry entry, String actor, Instant at) {
}
