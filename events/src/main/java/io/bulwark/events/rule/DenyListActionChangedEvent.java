package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The deny list's action changed (REJECT or DELETE_MESSAGE).
 */
@EventRevision("1")
public record DenyListActionChangedEvent(Action action, String actor, Instant at) {
}
