package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A rule's settings were replaced by {@code definition}.
 */
@EventRevision("1")
public record RuleEditedEvent(String ruleId, RuleDefinition definition, String actor, Instant at) {
}
