package io.bulwark.events.rule;

import io.bulwark.events.scan.ProtectionModule;
import java.util.List;

/**
 * The rules every rule set starts with, in order: AllowList and DenyList (disabled, no criteria)
 * and Default (last, matches everything, factory module settings). Their identifiers are fixed so
 * that the console can recognise them after renames. Definitions are {@linkplain RuleDefinition#complete
 * complete}, as rule events carry them from revision 2 on.
 */
public final class RulePresets {
    /** Identifier of the AllowList preset. */
    public static final String ALLOW_LIST_ID = "allow-list";
    /** Identifier of the DenyList preset. */
    public static final String DENY_LIST_ID = "deny-list";
    /** Identifier of the Default rule. */
    public static final String DEFAULT_ID = "default";
    /** Name of the Default rule, which cannot be renamed. */
    public static final String DEFAULT_NAME = "Default";

    private RulePresets() {
    }

    /** The initial rule list. */
    public static List<RuleEntry> initialRules() {
        RuleDefinition allow = new RuleDefinition("AllowList",
                "Senders listed here are delivered without scanning.", false, RuleMode.SKIP_WITHOUT_SCANNING,
                null, null, null);
        RuleDefinition deny = new RuleDefinition("DenyList",
                "Mail from senders listed here is rejected without scanning.", false,
                RuleMode.REJECT_WITHOUT_SCANNING, null, null, null);
        RuleDefinition def = RuleDefinition.withDefaults(DEFAULT_NAME, SenderCriteria.anyone(),
                RecipientCriteria.anyone());
        def = new RuleDefinition(def.name(), "Applies when no other rule matches.", true, def.mode(),
                def.senders(), def.recipients(), def.modules());
        // Sender authentication is on in the Default rule (issue 10): a domain that publishes
        // p=reject gets what it asked for out of the box. New rules start with it off, as in the
        // reference (A.7: MSA is disabled by default in a new rule).
        def = def.withModule(ProtectionModule.SENDER_AUTHENTICATION,
                def.module(ProtectionModule.SENDER_AUTHENTICATION).withEnabled(true));
        return List.of(new RuleEntry(ALLOW_LIST_ID, RuleKind.ALLOW_LIST, allow.complete()),
                new RuleEntry(DENY_LIST_ID, RuleKind.DENY_LIST, deny.complete()),
                new RuleEntry(DEFAULT_ID, RuleKind.DEFAULT, def.complete()));
    }
}
