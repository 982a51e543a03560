package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A rule was copied; {@code definition} is the copy's (new name, disabled).
 *
 * <p>Revision 2: every definition is {@linkplain RuleDefinition#complete complete} (every module
 * section, status and option explicit). Revision 1 left missing entries to the factory defaults
 * of the reading code; the store's {@code RuleEventsUpcaster} turns such events into revision 2
 * with the defaults of that time written out (docs/rules.md, "Stored rules and defaults").
 */
@EventRevision("2")
public record RuleCopiedEvent(String sourceRuleId, String ruleId, RuleDefinition definition, int position, String actor, Instant at) {
}
