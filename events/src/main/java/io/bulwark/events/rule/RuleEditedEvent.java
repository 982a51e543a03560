package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A rule's settings were replaced by {@code definition}.
 *
 * <p>Revision 2: every definition is {@linkplain RuleDefinition#complete complete} (every module
 * section, status and option explicit). Revision 1 left missing entries to the factory defaults
 * of the reading code; the store's {@code RuleEventsUpcaster} turns such events into revision 2
 * with the defaults of that time written out (docs/rules.md, "Stored rules and defaults").
 */
@EventRevision("2")
public record RuleEditedEvent(String ruleId, RuleDefinition definition, String actor, Instant at) {
}
