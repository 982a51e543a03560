package io.bulwark.events.rule;

import io.bulwark.events.scan.ProtectionModule;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an administrator edits about a message processing rule (reference notes B). The
 * rule's identity and position are kept outside, by the rule set.
 *
 * @param name        unique among the rules, case-insensitively
 * @param description free text
 * @param enabled     disabled rules are skipped when matching
 * @param mode        scan, or one of the "without scanning" shortcuts
 * @param senders     sender criteria (ignored for the Default rule)
 * @param recipients  recipient criteria (ignored for the Default rule)
 * @param modules     module sections; a missing section means the module is off for this rule
 */
public record RuleDefinition(String name, String description, boolean enabled, RuleMode mode,
        SenderCriteria senders, RecipientCriteria recipients, Map<ProtectionModule, ModuleSettings> modules) {

    public RuleDefinition {
        Objects.requireNonNull(mode, "mode");
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        senders = senders == null ? new SenderCriteria(null, null) : senders;
        recipients = recipients == null ? new RecipientCriteria(null) : recipients;
        modules = modules == null ? Map.of() : Map.copyOf(modules);
    }

    /** A scanning rule with factory module settings. */
    public static RuleDefinition withDefaults(String name, SenderCriteria senders, RecipientCriteria recipients) {
        Map<ProtectionModule, ModuleSettings> modules = new EnumMap<>(ProtectionModule.class);
        for (ProtectionModule m : ProtectionModule.values()) {
            modules.put(m, ModuleSettings.defaults(m));
        }
        return new RuleDefinition(name, "", true, RuleMode.SCAN, senders, recipients, modules);
    }

    /** The section of a module; a missing section is the factory one, switched off. */
    public ModuleSettings module(ProtectionModule module) {
        ModuleSettings s = modules.get(module);
        return s != null ? s : ModuleSettings.defaults(module).withEnabled(false);
    }

    /** Whether the module is switched on in this rule. */
    public boolean moduleEnabled(ProtectionModule module) {
        return module(module).enabled();
    }

    /**
     * The definition with every module section, every status of each section and every option
     * spelled out, the missing ones at their factory values (a missing section switched off, as
     * {@link #module} reads it). Rule events from revision 2 on carry only complete definitions,
     * so a stored rule says explicitly what each status does, and a definition read back and
     * saved unchanged is recognised as unchanged.
     */
    public RuleDefinition complete() {
        Map<ProtectionModule, ModuleSettings> all = new EnumMap<>(ProtectionModule.class);
        for (ProtectionModule m : ProtectionModule.values()) {
            all.put(m, module(m).complete(m));
        }
        return new RuleDefinition(name, description, enabled, mode, senders, recipients, all);
    }

    /** A copy with another name. */
    public RuleDefinition withName(String newName) {
        return new RuleDefinition(newName, description, enabled, mode, senders, recipients, modules);
    }

    /** A copy, enabled or disabled. */
    public RuleDefinition withEnabled(boolean on) {
        return new RuleDefinition(name, description, on, mode, senders, recipients, modules);
    }

    /** A copy with another mode. */
    public RuleDefinition withMode(RuleMode newMode) {
        return new RuleDefinition(name, description, enabled, newMode, senders, recipients, modules);
    }

    /** A copy with one module section replaced. */
    public RuleDefinition withModule(ProtectionModule module, ModuleSettings settings) {
        Map<ProtectionModule, ModuleSettings> copy = new EnumMap<>(ProtectionModule.class);
        copy.putAll(modules);
        copy.put(module, settings);
        return new RuleDefinition(name, description, enabled, mode, senders, recipients, copy);
    }

    /** A copy with other criteria. */
    public RuleDefinition withCriteria(SenderCriteria newSenders, RecipientCriteria newRecipients) {
        return new RuleDefinition(name, description, enabled, mode, newSenders, newRecipients, modules);
    }
}
