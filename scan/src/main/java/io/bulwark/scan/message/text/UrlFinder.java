package io.bulwark.scan.message.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the addresses written as text ({@code https://...}, {@code www....}) in a string, exactly
 * where the case-insensitive regular expressions the engines used before found them (ADR 0040), at
 * a fraction of the cost: {@code java.util.regex} tried both alternatives with case folding at
 * every offset of every text; this looks only where {@code "://"} or a dot stands ({@link
 * String#indexOf}, a vectorised intrinsic) and reads the few characters around it.
 *
 * <p>Same results, rule for rule: a match starts at a word boundary as {@code \b} defines it
 * (ASCII word characters, and a non-spacing mark after a letter or digit), its scheme and
 * {@code www.} are compared in ASCII case only (no {@code UNICODE_CASE}), it runs greedily over
 * the characters its {@link Dialect} allows, the next search starts where the last match ended, and
 * sentence punctuation at the end is trimmed afterwards. {@code UrlFinderTest} holds the old
 * expressions and compares both on a table of tricky inputs and on generated strings.
 *
 * <p>Stateless and thread-safe.
 */
public final class UrlFinder {

    /** Which addresses count and where they end: the two forms the engines read. */
    public enum Dialect {
        /**
         * The anti-spam text's: {@code (?i)\b(?:https?://|www\.)[a-z0-9][^\s<>"'()\[\]{}]*}, then
         * {@code .,;:!?} trimmed from the end.
         */
        TEXT(false, true, " \t\n\u000B\f\r<>\"'()[]{}", ".,;:!?"),
        /**
         * The link extractor's: {@code (?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>"'`{}|\\^\[\]]+},
         * then {@code .,;:!?)>'"} trimmed from the end.
         */
        LINKS(true, false, " \t\n\u000B\f\r<>\"'`{}|\\^[]", ".,;:!?)>'\"");

        private final boolean ftp;
        private final boolean alphanumericFirst;
        private final boolean[] stops = new boolean[128];
        private final String trailing;

        Dialect(boolean ftp, boolean alphanumericFirst, String stops, String trailing) {
            this.ftp = ftp;
            this.alphanumericFirst = alphanumericFirst;
            for (char c : stops.toCharArray()) {
                this.stops[c] = true;
            }
            this.trailing = trailing;
        }

        boolean stop(char c) {
            return c < 128 && stops[c];
        }

        boolean first(char c) {
            return alphanumericFirst ? isAsciiLetterOrDigit(c) : !stop(c);
        }
    }

    private UrlFinder() {
    }

    /** The addresses in {@code text}, in order, trimmed, duplicates kept. */
    public static List<String> find(String text, Dialect dialect) {
        List<String> found = new ArrayList<>();
        find(text, dialect, found);
        return found;
    }

    /** Adds the addresses in {@code text} to {@code found}, in order, trimmed. */
    public static void find(String text, Dialect dialect, java.util.Collection<? super String> found) {
        scan(text, dialect, found, true);
    }

    /**
     * The first address in {@code text} as the expression matched it, before trimming (the anti-spam
     * text reads the host of a link's visible text from it), or null.
     */
    public static String firstUntrimmed(String text, Dialect dialect) {
        List<String> first = new ArrayList<>(1);
        scan(text, dialect, first, false);
        return first.isEmpty() ? null : first.get(0);
    }

    private static void scan(String text, Dialect dialect, java.util.Collection<? super String> found, boolean all) {
        int n = text.length();
        int pos = 0;
        // the next start found by each kind of search, kept while it lies at or after pos
        int scheme = -2;
        int www = -2;
        while (pos < n) {
            if (scheme != -1 && scheme < pos) {
                scheme = nextScheme(text, pos, dialect);
            }
            if (www != -1 && www < pos) {
                www = nextWww(text, pos, dialect);
            }
            int start;
            if (scheme < 0 && www < 0) {
                return;
            } else if (www < 0 || (scheme >= 0 && scheme < www)) {
                start = scheme;
            } else {
                start = www;
            }
            int body = start + prefixLength(text, start);
            int end = body + 1;
            while (end < n && !dialect.stop(text.charAt(end))) {
                end++;
            }
            if (!all) {
                found.add(text.substring(start, end));
                return;
            }
            int trimmed = end;
            while (trimmed > start && dialect.trailing.indexOf(text.charAt(trimmed - 1)) >= 0) {
                trimmed--;
            }
            found.add(text.substring(start, trimmed));
            pos = end;
        }
    }

    /** The first start at or after {@code from} of a scheme form ("http://", "https://", "ftp://") that matches. */
    private static int nextScheme(String text, int from, Dialect dialect) {
        int colon = text.indexOf("://", from);
        while (colon >= 0) {
            int start = -1;
            if (colon >= 5 && asciiEqualsIgnoreCase(text, colon - 5, "https")) {
                start = colon - 5;
            } else if (colon >= 4 && asciiEqualsIgnoreCase(text, colon - 4, "http")) {
                start = colon - 4;
            } else if (dialect.ftp && colon >= 3 && asciiEqualsIgnoreCase(text, colon - 3, "ftp")) {
                start = colon - 3;
            }
            if (start >= from && matchesAt(text, start, colon + 3, dialect)) {
                return start;
            }
            colon = text.indexOf("://", colon + 1);
        }
        return -1;
    }

    /** The first start at or after {@code from} of a "www." form that matches. */
    private static int nextWww(String text, int from, Dialect dialect) {
        int dot = text.indexOf('.', from + 3);
        while (dot >= 0) {
            int start = dot - 3;
            if (asciiEqualsIgnoreCase(text, start, "www") && matchesAt(text, start, dot + 1, dialect)) {
                return start;
            }
            dot = text.indexOf('.', dot + 1);
        }
        return -1;
    }

    private static int prefixLength(String text, int start) {
        char c = text.charAt(start);
        if (c == 'w' || c == 'W') {
            return 4;
        }
        if (c == 'f' || c == 'F') {
            return 6;
        }
        char s = text.charAt(start + 4);
        return s == 's' || s == 'S' ? 8 : 7;
    }

    /** Whether a match may start at {@code start} (word boundary) with its body at {@code body}. */
    private static boolean matchesAt(String text, int start, int body, Dialect dialect) {
        return body < text.length() && dialect.first(text.charAt(body)) && !wordBefore(text, start);
    }

    /**
     * Whether the character before {@code i} is a word character as {@code \b} of
     * {@code java.util.regex} (JDK 19 and later, without UNICODE_CHARACTER_CLASS) sees it: an ASCII
     * letter, digit or underscore, or a non-spacing mark that follows a letter or digit.
     */
    private static boolean wordBefore(String text, int i) {
        if (i == 0) {
            return false;
        }
        int ch = Character.codePointBefore(text, i);
        if (ch < 128) {
            return isAsciiLetterOrDigit((char) ch) || ch == '_';
        }
        if (Character.getType(ch) != Character.NON_SPACING_MARK) {
            return false;
        }
        for (int x = i - 1; x >= 0; x--) {
            int c = Character.codePointAt(text, x);
            if (Character.isLetterOrDigit(c)) {
                return true;
            }
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return false;
    }

    private static boolean asciiEqualsIgnoreCase(String text, int at, String lower) {
        if (at < 0 || at + lower.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            char c = text.charAt(at + k);
            char l = lower.charAt(k);
            if (c != l && c != (char) (l - 32)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
