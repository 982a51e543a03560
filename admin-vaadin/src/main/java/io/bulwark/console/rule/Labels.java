package io.bulwark.console.rule;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.Locale;

/**
 * Display names of the rule vocabulary, worded as in the administrators' guide (docs/rules.md) so
 * the console and the documentation say the same thing. Stateless.
 */
final class Labels {

    private Labels() {
    }

    static String mode(RuleMode mode) {
        return switch (mode) {
            case SCAN -> "Scan (use the module settings)";
            case REJECT_WITHOUT_SCANNING -> "Reject without scanning";
            case DELETE_WITHOUT_NOTIFYING -> "Delete without notifying the sender";
            case SKIP_WITHOUT_SCANNING -> "Skip without scanning";
        };
    }

    static String module(ProtectionModule module) {
        return switch (module) {
            case SENDER_AUTHENTICATION -> "Sender authentication";
            case ANTI_VIRUS -> "Anti-Virus";
            case ANTI_SPAM -> "Anti-Spam";
            case ANTI_PHISHING -> "Anti-Phishing";
            case CONTENT_FILTERING -> "Content filtering";
            case EXTERNAL_SANDBOX -> "External sandbox";
        };
    }

    static String action(Action action) {
        return switch (action) {
            case SKIP -> "Skip";
            case DELETE_ATTACHMENT -> "Delete attachment";
            case REJECT -> "Reject";
            case DELETE_MESSAGE -> "Delete message";
        };
    }

    static String entryType(GlobalListEntryType type) {
        return switch (type) {
            case ADDRESS -> "Address pattern";
            case IP_NETWORK -> "IP network";
        };
    }

    /** {@code PROBABLY_INFECTED} becomes "Probably infected". */
    static String status(ScanStatus status) {
        String words = status.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** {@code probable-spam-threshold} becomes "Probable spam threshold". */
    static String option(io.bulwark.events.rule.ModuleOption option) {
        String words = option.key().replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
