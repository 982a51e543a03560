package io.bulwark.events.rule;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * An e-mail address pattern of a rule or a global list, compiled. The forms, as in the commercial
 * gateway (reference notes B):
 * <ul>
 *   <li>{@code re:REGEX}: a regular expression in RE2 syntax that must match the whole address,
 *       case-insensitively (Java-only constructs such as backreferences, lookaround, atomic groups
 *       and possessive quantifiers are refused);</li>
 *   <li>a mask with {@code @}, e.g. {@code *@example.com}, {@code j?hn@*}: matches the whole
 *       address; {@code *} is any run of characters, {@code ?} is one character;</li>
 *   <li>a mask without {@code @}, e.g. {@code example.com}, {@code *.example.com}: matches the
 *       domain part only;</li>
 *   <li>{@code <>}: the null sender of bounces.</li>
 * </ul>
 * Matching ignores case. Immutable and thread-safe.
 *
 * <p>Patterns come from administrators, but the addresses they are matched against come from any
 * sender, on the SMTP session's thread. So nothing here may backtrack: masks run on
 * {@link GlobMask} (linear), regexes on RE2/J (an automaton, linear in the input; compiled programs
 * are capped at {@value #MAX_PROGRAM_SIZE} instructions so one counted repetition cannot make each
 * input character expensive), and addresses longer than {@value #MAX_ADDRESS_OCTETS} octets (the
 * SMTP path limit, RFC 5321 4.5.3.1.3) never match. See {@code docs/rules.md} and
 * {@code docs/adr/0007-linear-address-patterns.md}.
 *
 * <p>{@link #parse} refuses what the engine cannot run with a message for the administrator; a
 * stored pattern from before this check that is now refused is the caller's to skip (the gateway
 * logs it and lets it match nothing).
 */
public final class AddressPattern {
    private static final int MAX_LENGTH = 512;
    /** Longest address that can match: RFC 5321 4.5.3.1.3 caps a path at 256 octets. */
    public static final int MAX_ADDRESS_OCTETS = 256;
    /** RE2 program size beyond which a regex is refused; hand-written address regexes stay far below. */
    static final int MAX_PROGRAM_SIZE = 2000;

    private final String source;
    private final Pattern regex;
    private final GlobMask mask;
    private final boolean domainOnly;
    private final boolean nullSender;

    private AddressPattern(String source, Pattern regex, GlobMask mask, boolean domainOnly, boolean nullSender) {
        this.source = source;
        this.regex = regex;
        this.mask = mask;
        this.domainOnly = domainOnly;
        this.nullSender = nullSender;
    }

    /**
     * Compiles a pattern.
     *
     * @throws IllegalArgumentException with a message for the administrator when it is not valid
     */
    public static AddressPattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty address pattern");
        }
        String s = text.strip();
        if (s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("address pattern longer than " + MAX_LENGTH + " characters");
        }
        if (s.equals("<>")) {
            return new AddressPattern(s, null, null, false, true);
        }
        if (s.regionMatches(true, 0, "re:", 0, 3)) {
            String regex = s.substring(3);
            if (regex.isEmpty()) {
                throw new IllegalArgumentException("empty regular expression in '" + s + "'");
            }
            Pattern compiled;
            try {
                compiled = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("regular expression '" + regex + "' is not accepted: "
                        + javaOnlyConstruct(regex) + e.getMessage().replace("error parsing regexp: ", "")
                        + " (RE2 syntax only: no backreferences, lookahead/lookbehind, atomic groups or"
                        + " possessive quantifiers, repeat counts up to 1000)");
            }
            if (compiled.programSize() > MAX_PROGRAM_SIZE) {
                throw new IllegalArgumentException("regular expression '" + regex + "' is not accepted: too complex ("
                        + compiled.programSize() + " instructions, at most " + MAX_PROGRAM_SIZE
                        + "): use fewer or smaller repeat counts");
            }
            return new AddressPattern(s, compiled, null, false, false);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || "<>,;\"()[]\\".indexOf(c) >= 0) {
                throw new IllegalArgumentException("invalid character '" + c + "' in address mask '" + s + "'");
            }
        }
        int at = s.indexOf('@');
        if (at >= 0 && s.indexOf('@', at + 1) >= 0) {
            throw new IllegalArgumentException("more than one @ in address mask '" + s + "'");
        }
        return new AddressPattern(s, null, GlobMask.compile(s), at < 0, false);
    }

    /** Names the Java-only construct RE2 refused, where RE2's own message would not (lookbehind reads as a named group). */
    private static String javaOnlyConstruct(String regex) {
        if (regex.contains("(?<=") || regex.contains("(?<!")) {
            return "lookbehind is not supported; ";
        }
        if (regex.contains("(?=") || regex.contains("(?!")) {
            return "lookahead is not supported; ";
        }
        if (regex.contains("(?>")) {
            return "atomic groups are not supported; ";
        }
        for (int i = regex.indexOf('\\'); i >= 0 && i + 1 < regex.length(); i = regex.indexOf('\\', i + 2)) {
            char next = regex.charAt(i + 1);
            if ((next >= '1' && next <= '9') || next == 'k') {
                return "backreferences are not supported; ";
            }
        }
        return "";
    }

    /** Whether the text is a valid pattern. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether the address matches. The null sender is the empty string; it matches {@code <>}, and
     * masks or regexes that match the empty string (such as {@code *}). An address longer than
     * {@value #MAX_ADDRESS_OCTETS} octets in UTF-8 matches nothing: the SMTP listener refuses such
     * paths before any rule sees them, and the cap bounds the work of every match.
     */
    public boolean matches(String address) {
        String a = address == null ? "" : address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        if (nullSender) {
            return a.isEmpty();
        }
        if (a.length() > MAX_ADDRESS_OCTETS || a.getBytes(StandardCharsets.UTF_8).length > MAX_ADDRESS_OCTETS) {
            return false;
        }
        String subject = a;
        if (domainOnly) {
            int at = a.lastIndexOf('@');
            subject = at < 0 ? "" : a.substring(at + 1);
        }
        return regex != null ? regex.matcher(subject).matches() : mask.matches(subject);
    }

    /** The pattern as written. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
