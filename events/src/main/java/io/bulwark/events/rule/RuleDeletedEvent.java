package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A rule was deleted; {@code name} is its last name, for the audit log.
 */
@EventRevision("1")
public record RuleDeletedEvent(String ruleId, String name, String actor, Instant at) {
}
