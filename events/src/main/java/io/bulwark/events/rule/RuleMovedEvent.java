package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A rule moved from one position to another (0 = top).
 */
@EventRevision("1")
public record RuleMovedEvent(String ruleId, int fromPosition, int toPosition, String actor, Instant at) {
}
