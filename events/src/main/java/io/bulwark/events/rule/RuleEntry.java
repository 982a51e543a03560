package io.bulwark.events.rule;

import java.util.Objects;

/**
 * One rule of the ordered rule list, as the gateway and the console see it.
 *
 * @param ruleId     stable identifier (names can change)
 * @param kind       preset or custom
 * @param definition the editable settings
 */
public record RuleEntry(String ruleId, RuleKind kind, RuleDefinition definition) {

    public RuleEntry {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(definition, "definition");
    }

    /** The rule's name. */
    public String name() {
        return definition.name();
    }

    /** Whether the rule takes part in matching (the Default rule always does). */
    public boolean enabled() {
        return kind == RuleKind.DEFAULT || definition.enabled();
    }

    /** The same rule with another definition. */
    public RuleEntry withDefinition(RuleDefinition newDefinition) {
        return new RuleEntry(ruleId, kind, newDefinition);
    }
}
