package io.bulwark.scan.senderauth.dkim.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A DKIM tag=value list (RFC 6376 3.2), as used by {@code DKIM-Signature}, key records and the ARC
 * fields (RFC 8617 4.1): tag names are case-sensitive, values have their surrounding folding white
 * space removed, a duplicated tag makes the whole list invalid, and a trailing {@code ;} is
 * allowed. Immutable.
 */
public final class TagList {
    private final Map<String, String> tags;

    private TagList(Map<String, String> tags) {
        this.tags = Collections.unmodifiableMap(tags);
    }

    /** Thrown for a list that breaks the tag-list grammar. */
    public static final class SyntaxException extends Exception {
        public SyntaxException(String message) {
            super(message);
        }
    }

    /** Parses a tag list (unfolded or folded; CR and LF count as white space). */
    public static TagList parse(String text) throws SyntaxException {
        Map<String, String> tags = new LinkedHashMap<>();
        String[] specs = text.split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i];
            if (spec.isBlank()) {
                if (i == specs.length - 1 && i > 0 || text.isBlank()) {
                    continue; // the optional trailing ';' (RFC 6376 3.2)
                }
                throw new SyntaxException("an empty tag between two ';'");
            }
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new SyntaxException("'" + spec.strip() + "' is not a tag=value pair");
            }
            String name = strip(spec.substring(0, eq));
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new SyntaxException("'" + name + "' is not a tag name");
            }
            if (tags.putIfAbsent(name, strip(spec.substring(eq + 1))) != null) {
                throw new SyntaxException("tag " + name + "= appears twice (RFC 6376 3.2)");
            }
        }
        return new TagList(tags);
    }

    /** The value of {@code tag}, folding white space at its ends removed. */
    public Optional<String> get(String tag) {
        return Optional.ofNullable(tags.get(tag));
    }

    /** The value of {@code tag} with every white space character removed (base64 values: b=, bh=, p=). */
    public Optional<String> compact(String tag) {
        return get(tag).map(TagList::removeWhitespace);
    }

    public boolean has(String tag) {
        return tags.containsKey(tag);
    }

    /** Tag names in order of appearance. */
    public java.util.Set<String> names() {
        return tags.keySet();
    }

    /** A colon-separated value as lower-case items, white space removed ({@code h=from : to}). */
    public static java.util.List<String> items(String value) {
        return java.util.Arrays.stream(value.split(":", -1)).map(s -> strip(s).toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * A raw field with the value of {@code tag} deleted, white space around it included, as the
     * field signing itself is hashed (RFC 6376 3.7 for {@code b=}; RFC 8617 5.1 for ARC).
     * Everything else, the folding included, stays as it was.
     */
    public static String withoutValue(String rawField, String tag) {
        int start = rawField.indexOf(':') + 1;
        while (start > 0 && start < rawField.length()) {
            int end = rawField.indexOf(';', start);
            if (end < 0) {
                end = rawField.length();
            }
            int eq = rawField.indexOf('=', start);
            if (eq >= 0 && eq < end && strip(rawField.substring(start, eq)).equals(tag)) {
                return rawField.substring(0, eq + 1) + rawField.substring(end);
            }
            start = end + 1;
        }
        return rawField;
    }

    static String removeWhitespace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isWsp(s.charAt(from))) {
            from++;
        }
        while (to > from && isWsp(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
