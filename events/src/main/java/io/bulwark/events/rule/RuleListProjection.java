package io.bulwark.events.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Folds rule set events into the ordered rule list. Pure Java with no framework, so that the same
 * code builds the rule set aggregate's state, the console's rule table and the gateway's
 * in-memory policy: all three see the same list for the same events. It lives in the events
 * module because the gateway may not depend on the admin backend (ARCHITECTURE.md).
 *
 * <p>Before any event it holds the presets, exactly as {@link RuleSetInitializedEvent} will, so a
 * gateway that starts on an empty store applies the Default rule. Events it does not know are
 * ignored. Not thread-safe: one writer (the tracking processor); readers take {@link #rules()},
 * an immutable snapshot.
 */
public final class RuleListProjection {
    private final List<RuleEntry> rules = new ArrayList<>(RulePresets.initialRules());

    /**
     * Applies one event.
     *
     * @return whether the event was a rule set event
     */
    public boolean apply(Object event) {
        switch (event) {
            case RuleSetInitializedEvent e -> {
                rules.clear();
                rules.addAll(e.rules());
            }
            case RuleCreatedEvent e -> rules.add(clamp(e.position()),
                    new RuleEntry(e.ruleId(), RuleKind.CUSTOM, e.definition()));
            case RuleCopiedEvent e -> rules.add(clamp(e.position()),
                    new RuleEntry(e.ruleId(), RuleKind.CUSTOM, e.definition()));
            case RuleEditedEvent e -> replace(e.ruleId(), e.definition());
            case RuleEnabledEvent e -> find(e.ruleId())
                    .ifPresent(r -> replace(r.ruleId(), r.definition().withEnabled(true)));
            case RuleDisabledEvent e -> find(e.ruleId())
                    .ifPresent(r -> replace(r.ruleId(), r.definition().withEnabled(false)));
            case RuleMovedEvent e -> {
                int from = positionOf(e.ruleId());
                if (from >= 0) {
                    RuleEntry r = rules.remove(from);
                    rules.add(clamp(e.toPosition()), r);
                }
            }
            case RuleDeletedEvent e -> rules.removeIf(r -> r.ruleId().equals(e.ruleId()));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The rules in matching order (position 0 first); an immutable snapshot. */
    public List<RuleEntry> rules() {
        return List.copyOf(rules);
    }

    /** The rule with the identifier. */
    public Optional<RuleEntry> find(String ruleId) {
        return rules.stream().filter(r -> r.ruleId().equals(ruleId)).findFirst();
    }

    /** The position of the rule, or -1. */
    public int positionOf(String ruleId) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).ruleId().equals(ruleId)) {
                return i;
            }
        }
        return -1;
    }

    /** The rule whose name equals the given one, ignoring case. */
    public Optional<RuleEntry> findByName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return rules.stream().filter(r -> r.name().strip().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** Number of rules, Default included. */
    public int size() {
        return rules.size();
    }

    private void replace(String ruleId, RuleDefinition definition) {
        int i = positionOf(ruleId);
        if (i >= 0) {
            rules.set(i, rules.get(i).withDefinition(definition));
        }
    }

    private int clamp(int position) {
        return Math.max(0, Math.min(position, rules.size()));
    }
}
