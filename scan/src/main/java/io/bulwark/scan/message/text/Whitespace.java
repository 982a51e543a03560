package io.bulwark.scan.message.text;

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
        int n = text.length();
        // into a char array rather than a StringBuilder a char at a time: its capacity and coder
        // checks per append were 7 % of the scan's CPU samples (issue 19, sixth session); new String
        // compacts to Latin-1 where it can, as the builder did
        char[] out = new char[n];
        int k = 0;
        boolean inRun = false;
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
        return new String(out, 0, k).strip();
    }
}
