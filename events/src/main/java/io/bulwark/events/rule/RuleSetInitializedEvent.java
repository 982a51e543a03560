package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/**
 * The rule set came into being with its presets (AllowList, DenyList, Default), in order.
 * Emitted once, by the first command to the rule set.
 *
 * <p>Revision 2: every definition is {@linkplain RuleDefinition#complete complete} (every module
 * section, status and option explicit). Revision 1 left missing entries to the factory defaults
 * of the reading code; the store's {@code RuleEventsUpcaster} turns such events into revision 2
 * with the defaults of that time written out (docs/rules.md, "Stored rules and defaults").
 */
@EventRevision("2")
public record RuleSetInitializedEvent(List<RuleEntry> rules, String actor, Instant at) {

    public RuleSetInitializedEvent {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
