package io.bulwark.admin.rule;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.AddressPattern;
import io.bulwark.events.rule.IpNetwork;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a rule definition before the rule set accepts it. Every failure throws an
 * {@link InvalidRuleCommandException} whose message says which field is wrong. Stateless.
 */
final class RuleDefinitionValidator {
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_TAG = 100;
    static final int MAX_CRITERIA = 10_000;
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RuleDefinitionValidator() {
    }

    static void requireRuleId(String ruleId) {
        if (ruleId == null || !RULE_ID.matcher(ruleId).matches()) {
            throw new InvalidRuleCommandException(
                    "Invalid rule id: 1 to 64 letters, digits, '.', '_' or '-' expected");
        }
    }

    static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidRuleCommandException("The actor of a rule change is required");
        }
    }

    static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRuleCommandException("A rule needs a name");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidRuleCommandException("Rule names are at most " + MAX_NAME + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRuleCommandException("Rule names cannot contain control characters");
        }
    }

    /** Everything but name uniqueness and preset restrictions, which need the whole rule set. */
    static void validate(RuleDefinition d) {
        if (d == null) {
            throw new InvalidRuleCommandException("The rule definition is missing");
        }
        requireName(d.name());
        if (d.description().length() > MAX_DESCRIPTION) {
            throw new InvalidRuleCommandException("Descriptions are at most " + MAX_DESCRIPTION + " characters");
        }
        if (d.senders().addresses().size() + d.senders().networks().size() + d.recipients().addresses().size()
                > MAX_CRITERIA) {
            throw new InvalidRuleCommandException("A rule has at most " + MAX_CRITERIA + " criteria");
        }
        for (String a : d.senders().addresses()) {
            pattern("sender", a);
        }
        for (String a : d.recipients().addresses()) {
            pattern("recipient", a);
        }
        for (String n : d.senders().networks()) {
            try {
                IpNetwork.parse(n);
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleCommandException("Sender network: " + e.getMessage());
            }
        }
        if (d.enabled()) {
            requireCriteria(d);
        }
        for (Map.Entry<ProtectionModule, ModuleSettings> section : d.modules().entrySet()) {
            ProtectionModule module = section.getKey();
            for (Map.Entry<ScanStatus, StatusAction> e : section.getValue().actions().entrySet()) {
                ScanStatus status = e.getKey();
                StatusAction action = e.getValue();
                if (!status.appliesTo(module)) {
                    throw new InvalidRuleCommandException(status + " is not a status of " + module);
                }
                if (action.action() == Action.DELETE_ATTACHMENT && !status.partLevel()) {
                    throw new InvalidRuleCommandException("Delete attachment is not possible for " + module + " "
                            + status + ": that status does not point to an attachment");
                }
                String tag = action.subjectTag();
                if (tag.length() > MAX_TAG || tag.chars().anyMatch(Character::isISOControl)) {
                    throw new InvalidRuleCommandException("Subject tag of " + module + " " + status
                            + ": at most " + MAX_TAG + " characters, no control characters");
                }
            }
            options(module, section.getValue().options());
        }
    }

    /**
     * Options are stored as text and read leniently ({@link ModuleSettings#number} falls back to
     * the default): refusing bad values here keeps that fallback, which would follow a changed
     * default, out of stored rules.
     */
    private static void options(ProtectionModule module, Map<String, String> options) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            ModuleOption option = ModuleOption.byKey(e.getKey()).filter(o -> o.appliesTo(module))
                    .orElseThrow(() -> new InvalidRuleCommandException("'" + e.getKey() + "' is not an option of "
                            + module + "; its options are " + ModuleOption.of(module).stream().map(ModuleOption::key)
                            .toList()));
            String problem = option.problemWith(e.getValue());
            if (problem != null) {
                throw new InvalidRuleCommandException(module + " " + problem);
            }
        }
        String from = options.get(ModuleOption.QUARANTINE_FROM.key());
        String to = options.get(ModuleOption.QUARANTINE_TO.key());
        if (from != null && to != null && Double.parseDouble(from) >= Double.parseDouble(to)) {
            throw new InvalidRuleCommandException(module + " quarantine-from (" + from
                    + ") must be below quarantine-to (" + to + "): the band is [from, to)");
        }
    }

    /** An enabled rule without criteria would silently match nothing: refuse it. */
    static void requireCriteria(RuleDefinition d) {
        if (d.senders().matchesNobody()) {
            throw new InvalidRuleCommandException("Rule '" + d.name()
                    + "' needs sender criteria (an address mask such as '*', or a network) before it can be enabled");
        }
        if (d.recipients().matchesNobody()) {
            throw new InvalidRuleCommandException("Rule '" + d.name()
                    + "' needs recipient criteria (an address mask such as '*') before it can be enabled");
        }
    }

    private static void pattern(String side, String text) {
        try {
            AddressPattern.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRuleCommandException("Invalid " + side + " pattern: " + e.getMessage());
        }
    }
}
