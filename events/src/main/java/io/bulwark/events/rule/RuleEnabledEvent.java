package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A rule was switched on.
 */
@EventRevision("1")
public record RuleEnabledEvent(String ruleId, String actor, Instant at) {
}
