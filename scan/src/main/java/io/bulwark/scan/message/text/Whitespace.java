package io.bulwark.scan.message.text;

import java.util.List;

/**
 * Whitespace collapsing as the engines have always done it ({@code \s+} → one space, then
 * {@link String#strip()}), in one pass without a regular expression: {@code \s} of
 * {@code java.util.regex} is the six ASCII characters space, tab, line feed, vertical tab, form
 * feed and carriage return, so other spaces (no-break, em) stay inside the text, while
 * {@code strip()} still removes any Unicode white space at the ends. Stateless.
 */
public final class Whitespace {
    private Whitespace() {
    }

    /** The text with each run of ASCII white space replaced by one space, stripped. */
    public static String collapse(CharSequence text) {
        return collapse(List.of(text));
    }

    /**
     * The pieces joined by one space, collapsed and stripped as {@link #collapse(CharSequence)}
     * does: what collapsing their concatenation with a space after each gives, without building
     * that concatenation first. A message's rendered text is a few parts of up to megabytes; the
     * builder they were appended to, its growth and the final strip of its trailing space had made
     * three more copies of it (docs/benchmarks.md, eighth session).
     */
    public static String collapse(List<? extends CharSequence> pieces) {
        int total = 0;
        for (CharSequence piece : pieces) {
            total += piece.length() + 1;
        }
        // into a char array rather than a StringBuilder a char at a time: its capacity and coder
        // checks per append were 7 % of the scan's CPU samples (issue 19, sixth session); new String
        // compacts to Latin-1 where it can, as the builder did
        char[] out = new char[total];
        int k = 0;
        boolean inRun = true; // a run "before" the text: no leading space is written
        for (CharSequence text : pieces) {
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r')) {
                    if (!inRun) {
                        out[k++] = ' ';
                        inRun = true;
                    }
                } else {
                    out[k++] = c;
                    inRun = false;
                }
            }
            if (!inRun) {
                out[k++] = ' ';
                inRun = true;
            }
        }
        if (k > 0 && out[k - 1] == ' ') {
            k--;
        }
        // strip() copies only when other Unicode white space is left at an end
        return new String(out, 0, k).strip();
    }
}
