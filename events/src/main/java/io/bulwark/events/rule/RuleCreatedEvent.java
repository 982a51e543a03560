package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A rule was created at {@code position} (always 0, the top, today; stored so that replays do
 * not depend on that policy).
 */
@EventRevision("1")
public record RuleCreatedEvent(String ruleId, RuleDefinition definition, int position, String actor, Instant at) {
}
