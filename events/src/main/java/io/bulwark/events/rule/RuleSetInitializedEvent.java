package io.bulwark.events.rule;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/**
 * The rule set came into being with its presets (AllowList, DenyList, Default), in order.
 * Emitted once, by the first command to the rule set.
 */
@EventRevision("1")
public record RuleSetInitializedEvent(List<RuleEntry> rules, String actor, Instant at) {

    public RuleSetInitializedEvent {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
