package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A rule was copied; {@code definition} is the copy's (new name, disabled).
 */
@EventRevision("1")
public record RuleCopiedEvent(String sourceRuleId, String ruleId, RuleDefinition definition, int position, String actor, Instant at) {
}
