package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * An entry was added to a global list.
 */
@EventRevision("1")
public record GlobalListEntryAddedEvent(GlobalListKind list, GlobalListEntry entry, String actor, Instant at) {
}
