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
 *
 * <p>Each option has a {@link Kind}: a choice among words, a number from 0 to 100 (the two kinds
 * of revision 2), and, since content filtering, a list of file name masks, a list of file type
 * categories, a size and a nesting level. Every kind is still one string, so the stored shape and
 * the REST shape ({@code options: {key: text}}) did not change; the kind says how the text reads.
 * The content filtering and macro options default to "nothing banned" and "macros are not a
 * finding", which is what stored rules (which did not have them) meant.
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
     * Anti-spam: whether a message whose rating falls in the uncertain band
     * [{@link #QUARANTINE_FROM}, {@link #QUARANTINE_TO}) is held in the Anti-Spam Quarantine and
     * re-checked after a delay instead of being delivered at once (reference D.3; docs/antispam.md).
     * Off by default: a hold delays mail (by the re-check delay, 60 minutes unless configured), so
     * the administrator opts in per rule, and rules stored before it keep what they did.
     */
    QUARANTINE("quarantine", List.of("no", "yes"), "no", EnumSet.of(ProtectionModule.ANTI_SPAM)),
    /** Anti-spam: the lowest rating (inclusive) of the quarantine's uncertain band. */
    QUARANTINE_FROM("quarantine-from", List.of(), "30", EnumSet.of(ProtectionModule.ANTI_SPAM)),
    /**
     * Anti-spam: the end (exclusive) of the quarantine's uncertain band. The default equals the
     * default spam threshold: what is certainly spam is acted on at once, not held.
     */
    QUARANTINE_TO("quarantine-to", List.of(), "70", EnumSet.of(ProtectionModule.ANTI_SPAM)),
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
            EnumSet.of(ProtectionModule.SENDER_AUTHENTICATION)),
    /**
     * Anti-virus: whether an Office document with a VBA macro project is PROBABLY_INFECTED
     * (reference A.1 heuristics). Off by default: many businesses exchange macro workbooks, and
     * rules stored before this option did not flag them.
     */
    MACROS_PROBABLY_INFECTED("macros-probably-infected", List.of("no", "yes"), "no",
            EnumSet.of(ProtectionModule.ANTI_VIRUS)),
    /**
     * Anti-virus: attachments whose file name matches one of these masks ({@code *}, {@code ?},
     * separated by commas or line breaks, ignoring case) are not scanned: what the engines report
     * in them does not count, and the status says "not scanned: excluded" (reference C: "exclusions
     * by file name mask"). Empty excludes nothing, as rules stored before this option meant.
     */
    AV_EXCLUDED_NAMES(Kind.MASKS, "excluded-names", "", EnumSet.of(ProtectionModule.ANTI_VIRUS)),
    /**
     * Anti-virus: attachments whose real type (found from the content, not the name) is in these
     * categories or media types are not scanned (reference C: "exclusions by attachment format").
     * Empty excludes nothing.
     */
    AV_EXCLUDED_TYPES(Kind.CATEGORIES, "excluded-types", "", EnumSet.of(ProtectionModule.ANTI_VIRUS)),
    /**
     * Anti-virus: attachments larger than this (decoded, in bytes or with K, M or G) are not
     * scanned: "not scanned: size limit" (reference C: "max size of attachments to scan"); 0 is
     * unlimited, as rules stored before this option meant.
     */
    AV_MAX_OBJECT_SIZE(Kind.SIZE, "max-object-size", "0", EnumSet.of(ProtectionModule.ANTI_VIRUS)),
    /**
     * Content filtering: banned attachment names, masks with {@code *} and {@code ?} separated by
     * commas or line breaks, ignoring case (reference A.5), e.g. {@code *.exe, *.scr, invoice*.js}.
     * Matched against each attachment's name and, within {@link #ARCHIVE_DEPTH}, the names of
     * archive entries (the last path segment). Empty bans nothing.
     */
    BANNED_NAMES(Kind.MASKS, "banned-names", "", EnumSet.of(ProtectionModule.CONTENT_FILTERING)),
    /**
     * Content filtering: file type categories ({@link #CATEGORIES}) and media types
     * ({@code application/x-dosexec}), separated by commas, that {@link #BANNED_TYPES_MODE} bans or
     * allows, by the real type found from the content. Empty with "from-list" bans nothing.
     */
    BANNED_TYPES(Kind.CATEGORIES, "banned-types", "", EnumSet.of(ProtectionModule.CONTENT_FILTERING)),
    /**
     * Content filtering: {@code from-list} bans the types in {@link #BANNED_TYPES};
     * {@code not-from-list} bans every other type (reference A.5 "type from list" / "type NOT
     * from list").
     */
    BANNED_TYPES_MODE("banned-types-mode", List.of("from-list", "not-from-list"), "from-list",
            EnumSet.of(ProtectionModule.CONTENT_FILTERING)),
    /**
     * Content filtering: the largest message allowed, in bytes or with a K, M or G suffix (powers
     * of 1024); 0 is unlimited (reference A.5: 0 to 1,048,576 KB, 0 = unlimited).
     */
    MAX_MESSAGE_SIZE(Kind.SIZE, "max-message-size", "0", EnumSet.of(ProtectionModule.CONTENT_FILTERING)),
    /**
     * Content filtering: how deep names and types are looked for inside archives, 0 to 32 (the
     * walker's own limit): 0 judges only the attachments themselves, 1 also the entries of an
     * attached archive, and so on (reference A.5 "scan file formats and names in archives", 1.1's
     * nesting level).
     */
    ARCHIVE_DEPTH(Kind.LEVEL, "archive-depth", "32", EnumSet.of(ProtectionModule.CONTENT_FILTERING));

    /** The words of {@link Kind#CATEGORIES} options (the scan module's file type categories). */
    public static final List<String> CATEGORIES = List.of("executables", "documents", "archives", "multimedia",
            "images", "databases", "other");
    /** The deepest {@link Kind#LEVEL}. */
    public static final int MAX_LEVEL = 32;
    /** The largest {@link Kind#SIZE}: 1 TiB. */
    public static final long MAX_SIZE = 1L << 40;
    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("(\\d{1,13})\\s*([kmgKMG]?)[bB]?");
    private static final java.util.regex.Pattern MEDIA_TYPE = java.util.regex.Pattern.compile(
            "[a-z0-9][a-z0-9.+-]*/[a-z0-9*][a-z0-9.+*-]*");

    /** How an option's text reads. */
    public enum Kind {
        /** One of {@link #choices()}. */
        CHOICE,
        /** A decimal number from 0 to 100. */
        PERCENT,
        /** File name masks ({@code *}, {@code ?}) separated by commas or line breaks; may be empty. */
        MASKS,
        /** {@link #CATEGORIES} words and media types separated by commas; may be empty. */
        CATEGORIES,
        /** Bytes, or a number with a K, M or G suffix; 0 is unlimited. */
        SIZE,
        /** A whole number from 0 to {@link #MAX_LEVEL}. */
        LEVEL
    }

    private final Kind kind;
    private final String key;
    private final List<String> choices;
    private final String defaultValue;
    private final Set<ProtectionModule> modules;

    ModuleOption(String key, List<String> choices, String defaultValue, Set<ProtectionModule> modules) {
        this.kind = choices.isEmpty() ? Kind.PERCENT : Kind.CHOICE;
        this.key = key;
        this.choices = choices;
        this.defaultValue = defaultValue;
        this.modules = modules;
    }

    ModuleOption(Kind kind, String key, String defaultValue, Set<ProtectionModule> modules) {
        this.kind = kind;
        this.key = key;
        this.choices = List.of();
        this.defaultValue = defaultValue;
        this.modules = modules;
    }

    /** How the option's text reads. */
    public Kind kind() {
        return kind;
    }

    /** What an administrator may type, for forms and error messages. */
    public String format() {
        return switch (kind) {
            case CHOICE -> String.join(" / ", choices);
            case PERCENT -> "0-100";
            case MASKS -> "file name masks with * and ?, separated by commas";
            case CATEGORIES -> "categories (" + String.join(", ", CATEGORIES) + ") or media types, separated by commas";
            case SIZE -> "bytes, or with K, M or G; 0 = unlimited";
            case LEVEL -> "0-" + MAX_LEVEL;
        };
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

    /** The allowed words of a choice option; empty for the other kinds. */
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
     * one of the words, a number a decimal from 0 to 100, masks at most 1,000 of at most 255
     * characters without control characters, categories known words or {@code type/subtype}, a
     * size at most {@link #MAX_SIZE}, a level from 0 to {@link #MAX_LEVEL}.
     */
    public String problemWith(String value) {
        if (value == null) {
            return key + ": no value";
        }
        switch (kind) {
            case CHOICE -> {
                return choices.contains(value.toLowerCase(Locale.ROOT)) ? null
                        : key + ": '" + value + "' is not one of " + choices;
            }
            case MASKS -> {
                List<String> masks = list(value);
                if (masks.size() > 1000) {
                    return key + ": more than 1000 masks";
                }
                for (String mask : masks) {
                    if (mask.length() > 255 || mask.chars().anyMatch(Character::isISOControl)) {
                        return key + ": '" + mask + "' is not a file name mask (at most 255 characters, no control characters)";
                    }
                }
                return null;
            }
            case CATEGORIES -> {
                for (String word : list(value)) {
                    String w = word.toLowerCase(Locale.ROOT);
                    if (!CATEGORIES.contains(w) && !MEDIA_TYPE.matcher(w).matches()) {
                        return key + ": '" + word + "' is neither a category " + CATEGORIES + " nor a media type";
                    }
                }
                return null;
            }
            case SIZE -> {
                long bytes = bytes(value);
                return bytes >= 0 ? null : key + ": '" + value + "' is not a size (bytes, or with K, M or G, at most 1 TiB)";
            }
            case LEVEL -> {
                try {
                    int level = Integer.parseInt(value.strip());
                    return level >= 0 && level <= MAX_LEVEL ? null : key + ": " + value + " is outside 0-" + MAX_LEVEL;
                } catch (NumberFormatException e) {
                    return key + ": '" + value + "' is not a whole number";
                }
            }
            case PERCENT -> {
                // below
            }
        }
        try {
            double number = Double.parseDouble(value);
            return number >= 0 && number <= 100 && !Double.isNaN(number) ? null
                    : key + ": " + value + " is outside 0-100";
        } catch (NumberFormatException e) {
            return key + ": '" + value + "' is not a number";
        }
    }

    /**
     * The items of a list option's text: split at commas and line breaks, blanks stripped, empty
     * items dropped.
     */
    public static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split("[,\\r\\n]+")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** A size text in bytes ("10M" is 10,485,760), or -1 when it is not a size. */
    public static long bytes(String value) {
        java.util.regex.Matcher m = SIZE.matcher(value == null ? "" : value.strip());
        if (!m.matches()) {
            return -1;
        }
        long number = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        if (number > (MAX_SIZE >> shift)) {
            return -1;
        }
        return number << shift;
    }
}
