package io.bulwark.scan.antispam.rules;

/**
 * The pieces of {@link java.util.regex.Pattern}'s syntax that both readers of rule expressions
 * ({@link RequiredLiterals}, {@link MatchLength}) need read the same way: how a group opens and
 * where a {@code \p{...}} escape ends. Stateless.
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
}
