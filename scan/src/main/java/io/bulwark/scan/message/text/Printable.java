package io.bulwark.scan.message.text;

/**
 * Text that came from a message (a subject, a file name, an archive entry's name, a library's error
 * about it) made fit for a log line, an event, a report or a CEF record: control characters (C0
 * including TAB, CR and LF, DEL, C1) become a space, runs of spaces one, no leading or trailing
 * space, and a length cap. A sender chooses these strings: unfiltered, an entry name of a damaged
 * zip put 120 lines of binary into one log record, and a CR LF in a name would start a forged one.
 * One home for the rule; stateless.
 */
public final class Printable {
    /** The most characters of one sender-chosen name, or of a library's complaint about it, in a reason. */
    public static final int NAME_MAX = 200;

    private Printable() {
    }

    /**
     * The cleaned text, at most {@code max} characters (never ending in half a surrogate pair);
     * {@code null} for {@code null} or when nothing is left.
     */
    public static String clean(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        boolean space = true; // drops leading spaces
        for (int i = 0; i < text.length() && out.length() <= max; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == ' ') {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
            } else {
                out.append(c);
                space = false;
            }
        }
        String cleaned = cut(out.toString().strip(), max);
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** At most {@code max} characters, never ending in half a surrogate pair. */
    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end).stripTrailing();
    }
}
