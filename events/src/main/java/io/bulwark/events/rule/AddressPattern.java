package io.bulwark.events.rule;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An e-mail address pattern of a rule or a global list, compiled. The forms, as in the commercial
 * gateway (reference notes B):
 * <ul>
 *   <li>{@code re:REGEX}: a Java regular expression that must match the whole address,
 *       case-insensitively;</li>
 *   <li>a mask with {@code @}, e.g. {@code *@example.com}, {@code j?hn@*}: matches the whole
 *       address; {@code *} is any run of characters, {@code ?} is one character;</li>
 *   <li>a mask without {@code @}, e.g. {@code example.com}, {@code *.example.com}: matches the
 *       domain part only;</li>
 *   <li>{@code <>}: the null sender of bounces.</li>
 * </ul>
 * Matching ignores case. Immutable and thread-safe.
 *
 * <p>Regexes come from administrators only and are matched against addresses of at most a few
 * hundred characters (SMTP limits the path to 256 octets), which bounds backtracking cost.
 */
public final class AddressPattern {
    private static final int MAX_LENGTH = 512;

    private final String source;
    private final Pattern pattern;
    private final boolean domainOnly;
    private final boolean nullSender;

    private AddressPattern(String source, Pattern pattern, boolean domainOnly, boolean nullSender) {
        this.source = source;
        this.pattern = pattern;
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
            return new AddressPattern(s, null, false, true);
        }
        if (s.regionMatches(true, 0, "re:", 0, 3)) {
            String regex = s.substring(3);
            if (regex.isEmpty()) {
                throw new IllegalArgumentException("empty regular expression in '" + s + "'");
            }
            try {
                return new AddressPattern(s, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                        false, false);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression '" + regex + "': "
                        + e.getDescription());
            }
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
        return new AddressPattern(s, Pattern.compile(maskToRegex(s), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                at < 0, false);
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

    private static String maskToRegex(String mask) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < mask.length(); i++) {
            char c = mask.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
        }
        return re.toString();
    }

    /**
     * Whether the address matches. The null sender is the empty string; it matches {@code <>}, and
     * masks or regexes that match the empty string (such as {@code *}).
     */
    public boolean matches(String address) {
        String a = address == null ? "" : address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        if (nullSender) {
            return a.isEmpty();
        }
        a = a.toLowerCase(Locale.ROOT);
        if (domainOnly) {
            int at = a.lastIndexOf('@');
            String domain = at < 0 ? "" : a.substring(at + 1);
            return pattern.matcher(domain).matches();
        }
        return pattern.matcher(a).matches();
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
