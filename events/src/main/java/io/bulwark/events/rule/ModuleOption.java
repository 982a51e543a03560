package io.bulwark.events.rule;

import io.bulwark.events.scan.ProtectionModule;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The per-rule options of protection modules, beside the per-status actions: thresholds, and how
 * a temporary failure is answered. Stored in rule events as text under {@link #key()}, so a stored
 * rule reads the same whatever this class later becomes.
 *
 * <p>Adding an option: give it a default that keeps what stored rules meant, or add a rule-event
 * revision whose upcaster writes the value old rules stand for (see
 * {@code io.bulwark.store.upcasting.RuleEventsUpcaster}). Engines add their options here as they
 * land (sender authentication's "treat softfail as a violation", ...).
 */
public enum ModuleOption {
    /**
     * What a temporary failure of one of the module's checks (DNS timeout, engine busy) does:
     * {@code defer} answers 451 4.7.0 so the sending server tries again later, {@code accept}
     * treats it as the module's ERROR status and its action (the reference's "process without").
     */
    TEMPORARY_FAILURE("temporary-failure", List.of("defer", "accept"), "defer",
            EnumSet.allOf(ProtectionModule.class)),
    /** Anti-spam rating (0-100) from which a message is SPAM. */
    SPAM_THRESHOLD("spam-threshold", List.of(), "70", EnumSet.of(ProtectionModule.ANTI_SPAM)),
    /** Anti-spam rating (0-100) from which a message is PROBABLE_SPAM (below the spam threshold). */
    PROBABLE_SPAM_THRESHOLD("probable-spam-threshold", List.of(), "40", EnumSet.of(ProtectionModule.ANTI_SPAM));

    private final String key;
    private final List<String> choices;
    private final String defaultValue;
    private final Set<ProtectionModule> modules;

    ModuleOption(String key, List<String> choices, String defaultValue, Set<ProtectionModule> modules) {
        this.key = key;
        this.choices = choices;
        this.defaultValue = defaultValue;
        this.modules = modules;
    }

    /** The name under which the option is stored and shown, e.g. {@code spam-threshold}. */
    public String key() {
        return key;
    }

    /** The factory default of a new rule. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The allowed words of a choice option; empty for a number from 0 to 100. */
    public List<String> choices() {
        return choices;
    }

    /** Whether the option belongs to the module's section. */
    public boolean appliesTo(ProtectionModule module) {
        return modules.contains(module);
    }

    /** The options of a module's section, in declaration order. */
    public static List<ModuleOption> of(ProtectionModule module) {
        return java.util.Arrays.stream(values()).filter(o -> o.appliesTo(module)).toList();
    }

    /** The option stored under {@code key}, if any. */
    public static java.util.Optional<ModuleOption> byKey(String key) {
        return java.util.Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst();
    }

    /**
     * Why {@code value} is not acceptable for this option, or null when it is: a choice must be
     * one of the words, a number a decimal from 0 to 100.
     */
    public String problemWith(String value) {
        if (value == null) {
            return key + ": no value";
        }
        if (!choices.isEmpty()) {
            return choices.contains(value.toLowerCase(Locale.ROOT)) ? null
                    : key + ": '" + value + "' is not one of " + choices;
        }
        try {
            double number = Double.parseDouble(value);
            return number >= 0 && number <= 100 && !Double.isNaN(number) ? null
                    : key + ": " + value + " is outside 0-100";
        } catch (NumberFormatException e) {
            return key + ": '" + value + "' is not a number";
        }
    }
}
