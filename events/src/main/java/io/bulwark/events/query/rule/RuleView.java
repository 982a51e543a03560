package io.bulwark.events.query.rule;

import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import java.util.Objects;

/**
 * One rule of the rule list as the console and the REST API show it: its place in the matching
 * order and its settings.
 *
 * @param position   0 = tried first; the Default rule has the highest position
 * @param ruleId     stable identifier (names can change)
 * @param kind       preset or custom
 * @param definition the editable settings
 */
public record RuleView(int position, String ruleId, RuleKind kind, RuleDefinition definition) {

    public RuleView {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(definition, "definition");
    }

    /** The view of a rule list entry at a position. */
    public static RuleView of(int position, RuleEntry entry) {
        return new RuleView(position, entry.ruleId(), entry.kind(), entry.definition());
    }

    /** The rule's name. */
    public String name() {
        return definition.name();
    }

    /** Whether the rule takes part in matching (the Default rule always does). */
    public boolean enabled() {
        return kind == RuleKind.DEFAULT || definition.enabled();
    }
}
