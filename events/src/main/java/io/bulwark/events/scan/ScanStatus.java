package io.bulwark.events.scan;

import io.bulwark.events.rule.Action;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every status a module verdict can have. One enum for all modules (rather than one per module) so
 * that stored verdicts are a flat string and need no type information to deserialise; each constant
 * says which modules may report it ({@link #appliesTo}).
 *
 * <p>Each status also carries the factory default of its per-rule action, Backup flag and subject
 * tag (reference notes A.1, A.3, A.4, A.5, A.6, A.9, J). Tags and actions are only defaults: every
 * rule can override them.
 */
public enum ScanStatus {
    // Shared by several modules
    /** Nothing found. */
    CLEAN(false, false, Action.SKIP, false, "", ProtectionModule.ANTI_VIRUS, ProtectionModule.ANTI_PHISHING,
            ProtectionModule.CONTENT_FILTERING, ProtectionModule.EXTERNAL_SANDBOX),
    /** The module did not scan (limit hit, disabled, allow-listed); the reasons say why. */
    NOT_SCANNED(false, false, Action.SKIP, false, "", ProtectionModule.values()),
    /** The scan failed or timed out; by default the message goes on (reference A.8). */
    ERROR(false, false, Action.SKIP, false, "", ProtectionModule.values()),

    // Anti-virus (A.1). Disinfection is not offered, so infected objects default to the
    // commercial gateway's fallback action, Delete attachment, with a Backup copy of the original.
    /** A known threat was found. */
    INFECTED(true, true, Action.DELETE_ATTACHMENT, true, "[Infected]", ProtectionModule.ANTI_VIRUS),
    /** Possibly an unknown or modified threat (heuristics). */
    PROBABLY_INFECTED(true, true, Action.DELETE_ATTACHMENT, true, "[Probably infected]",
            ProtectionModule.ANTI_VIRUS),
    /** An object could not be scanned because it is encrypted or password protected. */
    ENCRYPTED(true, true, Action.SKIP, false, "", ProtectionModule.ANTI_VIRUS),
    /** An object is damaged and could not be scanned. */
    CORRUPTED(true, true, Action.SKIP, false, "", ProtectionModule.ANTI_VIRUS),

    // Anti-spam (A.3): all Skip with a tag by default.
    /** Not spam. */
    NOT_SPAM(false, false, Action.SKIP, false, "", ProtectionModule.ANTI_SPAM),
    /** Certainly spam. */
    SPAM(true, false, Action.SKIP, false, "[Spam]", ProtectionModule.ANTI_SPAM),
    /** Probably spam. */
    PROBABLE_SPAM(true, false, Action.SKIP, false, "[Probable spam]", ProtectionModule.ANTI_SPAM),
    /** The sender or its host is on a deny list or a DNSBL. */
    BLACKLISTED(true, false, Action.SKIP, false, "[Blacklisted]", ProtectionModule.ANTI_SPAM),
    /** Part of a mass mailing campaign. */
    MASS_MAILING(true, false, Action.SKIP, false, "[Massmail]", ProtectionModule.ANTI_SPAM),

    // Anti-phishing (A.4): 2.x default is Reject.
    /** Content designed to trick the reader into disclosing data. */
    PHISHING(true, false, Action.REJECT, false, "[Phishing]", ProtectionModule.ANTI_PHISHING),
    /** Links to sites that distribute malware. */
    MALICIOUS_LINK(true, false, Action.REJECT, false, "[Malicious URL]", ProtectionModule.ANTI_PHISHING),

    // Sender authentication (A.7, J): Skip with a tag by default.
    /** SPF, DKIM and DMARC found no violation. */
    PASS(false, false, Action.SKIP, false, "", ProtectionModule.SENDER_AUTHENTICATION),
    /** SPF fail (and, per settings, softfail/temperror/permerror). */
    SPF_FAIL(true, false, Action.SKIP, false, "[SPF fail]", ProtectionModule.SENDER_AUTHENTICATION),
    /** No valid DKIM signature where one was required or present. */
    DKIM_FAIL(true, false, Action.SKIP, false, "[DKIM fail]", ProtectionModule.SENDER_AUTHENTICATION),
    /** DMARC evaluation failed for the From domain. */
    DMARC_FAIL(true, false, Action.SKIP, false, "[DMARC fail]", ProtectionModule.SENDER_AUTHENTICATION),

    // Content filtering (A.5): Reject by default; size violations keep a Backup copy.
    /** The message is larger than allowed. */
    FORBIDDEN_SIZE(true, false, Action.REJECT, true, "", ProtectionModule.CONTENT_FILTERING),
    /** An attachment name matches a forbidden mask. */
    FORBIDDEN_NAME(true, true, Action.REJECT, false, "[Banned attachment]", ProtectionModule.CONTENT_FILTERING),
    /** An attachment is of a forbidden format. */
    FORBIDDEN_TYPE(true, true, Action.REJECT, false, "[Banned attachment]", ProtectionModule.CONTENT_FILTERING),

    // External sandbox (A.6): Delete message with a Backup copy by default.
    /** The sandbox reported malicious behaviour. */
    SANDBOX_DETECTED(true, true, Action.DELETE_MESSAGE, true, "[Sandbox detect]",
            ProtectionModule.EXTERNAL_SANDBOX);

    private final boolean finding;
    private final boolean partLevel;
    private final Action defaultAction;
    private final boolean defaultBackupCopy;
    private final String defaultSubjectTag;
    private final Set<ProtectionModule> modules;

    ScanStatus(boolean finding, boolean partLevel, Action defaultAction, boolean defaultBackupCopy,
            String defaultSubjectTag, ProtectionModule... modules) {
        this.finding = finding;
        this.partLevel = partLevel;
        this.defaultAction = defaultAction;
        this.defaultBackupCopy = defaultBackupCopy;
        this.defaultSubjectTag = defaultSubjectTag;
        this.modules = EnumSet.of(modules[0], modules);
    }

    /** Whether the status reports something found (as opposed to clean, not scanned or error). */
    public boolean finding() {
        return finding;
    }

    /**
     * Whether the status can name the offending MIME parts, so that "Delete attachment" is a
     * meaningful action for it.
     */
    public boolean partLevel() {
        return partLevel;
    }

    /** Factory default action of this status in a new rule. */
    public Action defaultAction() {
        return defaultAction;
    }

    /** Factory default of "put a copy of the original into Backup". */
    public boolean defaultBackupCopy() {
        return defaultBackupCopy;
    }

    /** Factory default subject tag, empty for none. */
    public String defaultSubjectTag() {
        return defaultSubjectTag;
    }

    /** Whether verdicts of the given module may carry this status. */
    public boolean appliesTo(ProtectionModule module) {
        return modules.contains(module);
    }
}
