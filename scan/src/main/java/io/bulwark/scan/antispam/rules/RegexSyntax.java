package io.bulwark.scan.antispam.rules;

/**
 * The pieces of {@link java.util.regex.Pattern}'s syntax that both readers of rule expressions
 * ({@link RequiredLiterals}, {@link MatchLength}) need read the same way: how a group opens and
 * where a {@code \p{...}} escape ends, what a counted repetition allows. Stateless.
 */
final class RegexSyntax {
    private RegexSyntax() {
    }

    /**
     * How a group whose {@code (} stands just before {@code pos} opens.
     *
     * @param body      where the group's expression starts
     * @param zeroWidth a look-ahead or look-behind (consumes nothing)
     */
    record GroupStart(int body, boolean zeroWidth) {
    }

    /**
     * The start of the group opened before {@code pos}: plain, non-capturing {@code (?:}, atomic
     * {@code (?>}, named {@code (?<name>} or a look-around; null for anything else (inline flags such
     * as {@code (?i)}, which would change how the rest reads, or a broken name).
     */
    static GroupStart groupStart(String re, int pos) {
        if (!re.startsWith("?", pos)) {
            return new GroupStart(pos, false);
        }
        if (re.startsWith("?:", pos) || re.startsWith("?>", pos)) {
            return new GroupStart(pos + 2, false);
        }
        if (re.startsWith("?=", pos) || re.startsWith("?!", pos)) {
            return new GroupStart(pos + 2, true);
        }
        if (re.startsWith("?<=", pos) || re.startsWith("?<!", pos)) {
            return new GroupStart(pos + 3, true);
        }
        if (re.startsWith("?<", pos)) {
            int close = re.indexOf('>', pos);
            return close < 0 ? null : new GroupStart(close + 1, false);
        }
        return null;
    }

    /**
     * Where a {@code \p} or {@code \P} escape ends, {@code pos} being just after the letter: after its
     * {@code {...}}, or after its one-letter class name; -1 for a brace that is never closed.
     */
    static int afterProperty(String re, int pos) {
        if (pos < re.length() && re.charAt(pos) == '{') {
            int close = re.indexOf('}', pos);
            return close < 0 ? -1 : close + 1;
        }
        return pos + 1;
    }

    /**
     * A counted repetition.
     *
     * @param max {@link #UNBOUNDED} for {@code {n,}}
     * @param end just after its {@code }}
     */
    record Repeat(int min, int max, int end) {
        static final int UNBOUNDED = -1;
    }

    /**
     * The counted repetition {@code {n}}, {@code {n,}} or {@code {n,m}} (at most four digits each)
     * whose {@code {} stands at {@code open}; null for anything else.
     */
    static Repeat repeat(String re, int open) {
        int close = re.indexOf('}', open);
        if (close < 0) {
            return null;
        }
        String spec = re.substring(open + 1, close);
        if (!spec.matches("\\d{1,4}(,\\d{0,4})?")) {
            return null;
        }
        int comma = spec.indexOf(',');
        int min = Integer.parseInt(comma < 0 ? spec : spec.substring(0, comma));
        int max = comma < 0 ? min
                : comma == spec.length() - 1 ? Repeat.UNBOUNDED : Integer.parseInt(spec.substring(comma + 1));
        return new Repeat(min, max, close + 1);
    }
}
