package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A rule was switched off.
 */
@EventRevision("1")
public record RuleDisabledEvent(String ruleId, String actor, Instant at) {
}
