package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A rule was created at {@code position} (always 0, the top, today; stored so that replays do
 * not depend on that policy).
 *
 * <p>Revision 2: every definition is {@linkplain RuleDefinition#complete complete} (every module
 * section, status and option explicit). Revision 1 left missing entries to the factory defaults
 * of the reading code; the store's {@code RuleEventsUpcaster} turns such events into revision 2
 * with the defaults of that time written out (docs/rules.md, "Stored rules and defaults").
 */
@EventRevision("2")
public record RuleCreatedEvent(String ruleId, RuleDefinition definition, int position, String actor, Instant at) {
}
