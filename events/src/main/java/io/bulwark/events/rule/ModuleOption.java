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
    PROBABLE_SPAM_THRESHOLD("probable-spam-threshold", List.of(), "40", EnumSet.of(ProtectionModule.ANTI_SPAM)),
    /**
     * Anti-phishing score (the sum of the module's symbol weights) from which a message is
     * PHISHING. Symbols that imply a status (a feed listing: MALICIOUS_LINK) give it whatever the
     * score. Added with the first anti-phishing checks (issue 13): rules stored before it had no
     * anti-phishing check to judge, so reading the default for them changes nothing they did.
     * The default 50 is reached by one strong trick (link text naming another site, a lookalike
     * of a protected domain, an executive's name from outside) or by two weaker ones together
     * (docs/antiphishing.md lists the weights).
     */
    PHISHING_THRESHOLD("phishing-threshold", List.of(), "50", EnumSet.of(ProtectionModule.ANTI_PHISHING)),
    /**
     * Sender authentication: whether SPF {@code softfail} (the domain says "probably not
     * authorised", RFC 7208 8.5) counts as the SPF_FAIL violation. Reference A.7 "Consider SPF
     * softfail as a violation"; off by default, as there.
     */
    SPF_SOFTFAIL_VIOLATION("spf-softfail-violation", List.of("no", "yes"), "no",
            EnumSet.of(ProtectionModule.SENDER_AUTHENTICATION)),
    /**
     * Sender authentication: whether a temporary error of SPF, DKIM or DMARC (DNS timeout, SERVFAIL)
     * counts as that check's violation. A violation that comes only from temporary errors is never
     * answered with a permanent refusal: Reject and Delete become 451 4.7.0 (reference A.7
     * "Consider TempError as violation").
     */
    TEMPERROR_VIOLATION("temperror-violation", List.of("no", "yes"), "no",
            EnumSet.of(ProtectionModule.SENDER_AUTHENTICATION)),
    /**
     * Sender authentication: whether a permanent error (an SPF, DKIM key or DMARC record that
     * cannot be interpreted) counts as that check's violation (reference A.7 "Consider PermError
     * as violation").
     */
    PERMERROR_VIOLATION("permerror-violation", List.of("no", "yes"), "no",
            EnumSet.of(ProtectionModule.SENDER_AUTHENTICATION)),
    /**
     * Sender authentication: {@code yes} makes DMARC's result the only violation (SPF and DKIM
     * failures are reported but do not act: forwarded mail that fails SPF but passes DMARC through
     * DKIM is not tagged); {@code no} counts every violation (reference A.7 "Consider DMARC
     * authentication result as primary").
     */
    DMARC_PRIMARY("dmarc-primary", List.of("no", "yes"), "no", EnumSet.of(ProtectionModule.SENDER_AUTHENTICATION)),
    /**
     * Sender authentication: what a DMARC violation does. {@code apply-policy} follows what the
     * From domain published (p=reject: Reject with 550 5.7.1; p=quarantine: deliver with the
     * DMARC_FAIL tag and a Backup copy; p=none: Skip), after pct sampling; {@code rule} uses the
     * rule's own action for DMARC_FAIL (Reject, Delete message or Skip).
     */
    DMARC_ACTION("dmarc-action", List.of("apply-policy", "rule"), "apply-policy",
            EnumSet.of(ProtectionModule.SENDER_AUTHENTICATION));

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

    /**
     * The factory default in one module's section. It differs from {@link #defaultValue()} in one
     * place: sender authentication accepts on a temporary DNS failure (the message is processed
     * without authentication, reference A.7), where the scanning modules defer.
     */
    public String defaultValue(ProtectionModule module) {
        if (this == TEMPORARY_FAILURE && module == ProtectionModule.SENDER_AUTHENTICATION) {
            return "accept";
        }
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
