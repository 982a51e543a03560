package io.bulwark.scan.antispam.rules;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * An upper bound on the length, in {@code char}s, of any match of a regular expression, when one
 * can be read from it safely. {@link RulePrefilter} uses it to run a body rule's expression only
 * around the places where its required literals occur (ADR 0045): a match contains one of them
 * ({@link RequiredLiterals}) and is at most this long, so it lies within this many characters of
 * that occurrence.
 *
 * <p>Written here, like {@link RequiredLiterals}, as a small recursive descent over
 * {@link Pattern}'s syntax (the JDK keeps its own bound, {@code Pattern.TreeInfo}, private). It is
 * conservative: each construct that consumes one code point counts two {@code char}s (a surrogate
 * pair; case-insensitive matching compares code points); zero-width assertions and look-arounds
 * count nothing (the matcher runs with transparent bounds, so they still see the whole text);
 * {@code *}, {@code +} and {@code {n,}} are unbounded; back references, {@code \Q}, {@code \G},
 * {@code \X}, inline flags, numeric escapes and anything else not known for certain give no bound,
 * and the rule runs over the whole text as before.
 *
 * <p>Stateless apart from one parse; {@link #of} is thread-safe.
 */
final class MatchLength {
    /** What one consumed code point can span. */
    private static final int UNIT = 2;
    /** Bounds above this are treated as unbounded (no window would be smaller than a body). */
    static final int LIMIT = 1 << 16;

    private final String re;
    private int pos;

    private MatchLength(String re) {
        this.re = re;
    }

    /** The longest match {@code pattern} can have, in chars; empty when unbounded or not known. */
    static OptionalInt of(Pattern pattern) {
        if ((pattern.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
            return OptionalInt.empty();
        }
        try {
            MatchLength parser = new MatchLength(pattern.pattern());
            long max = parser.alternation();
            if (parser.pos != parser.re.length() || max > LIMIT) {
                return OptionalInt.empty();
            }
            return OptionalInt.of((int) max);
        } catch (Unbounded e) {
            return OptionalInt.empty();
        }
    }

    /** No bound: unbounded repetition or a construct not read here. */
    private static final class Unbounded extends RuntimeException {
        Unbounded() {
            super(null, null, false, false);
        }
    }

    private long alternation() {
        long max = sequence();
        while (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            max = Math.max(max, sequence());
        }
        return max;
    }

    private long sequence() {
        long sum = 0;
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            sum += quantified(atom());
            if (sum > LIMIT) {
                throw new Unbounded();
            }
        }
        return sum;
    }

    private long quantified(long atom) {
        if (pos >= re.length()) {
            return atom;
        }
        long times;
        switch (re.charAt(pos)) {
            case '?' -> {
                pos++;
                times = 1;
            }
            case '*', '+' -> throw new Unbounded();
            case '{' -> {
                RegexSyntax.Repeat repeat = RegexSyntax.repeat(re, pos);
                if (repeat == null || repeat.max() == RegexSyntax.Repeat.UNBOUNDED) {
                    throw new Unbounded(); // {n,} or something else
                }
                times = repeat.max();
                pos = repeat.end();
            }
            default -> {
                return atom;
            }
        }
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
            pos++; // lazy or possessive: the same bound
        }
        return atom * times;
    }

    private long atom() {
        char c = re.charAt(pos++);
        return switch (c) {
            case '^', '$' -> 0;
            case '.' -> UNIT;
            case '[' -> charClass();
            case '(' -> group();
            case '\\' -> escape();
            case '*', '+', '?', '{', ')' -> throw new Unbounded();
            default -> UNIT;
        };
    }

    private long escape() {
        if (pos >= re.length()) {
            throw new Unbounded();
        }
        char c = re.charAt(pos++);
        switch (c) {
            case 'b', 'B', 'A', 'z', 'Z' -> {
                if (c == 'b' && pos < re.length() && re.charAt(pos) == '{') {
                    throw new Unbounded(); // \b{g}
                }
                return 0;
            }
            case 'd', 'D', 'w', 'W', 's', 'S', 'h', 'H', 'v', 'V', 'R', 't', 'n', 'r', 'f', 'a', 'e' -> {
                return UNIT; // \R is "\r\n" at most: two chars
            }
            case 'p', 'P' -> {
                pos = RegexSyntax.afterProperty(re, pos);
                if (pos < 0) {
                    throw new Unbounded();
                }
                return UNIT;
            }
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    throw new Unbounded(); // \G, \X, back references, numeric escapes, \Q, \k, \N
                }
                return UNIT;
            }
        }
    }

    /** A class, nested classes and intersections included, matches one code point. */
    private long charClass() {
        int depth = 1;
        boolean first = true;
        if (pos < re.length() && re.charAt(pos) == '^') {
            pos++;
        }
        while (depth > 0) {
            if (pos >= re.length()) {
                throw new Unbounded();
            }
            char c = re.charAt(pos++);
            if (c == '\\') {
                if (pos >= re.length()) {
                    throw new Unbounded();
                }
                char e = re.charAt(pos++);
                if (e == 'Q') {
                    throw new Unbounded(); // quoted text could hold brackets
                }
            } else if (c == '[') {
                depth++;
                first = true;
                if (pos < re.length() && re.charAt(pos) == '^') {
                    pos++;
                }
                continue;
            } else if (c == ']') {
                if (first) {
                    throw new Unbounded(); // "[]...]": not worth knowing how the JDK reads it
                }
                depth--;
            }
            first = false;
        }
        return UNIT;
    }

    private long group() {
        RegexSyntax.GroupStart opening = RegexSyntax.groupStart(re, pos);
        if (opening == null) {
            throw new Unbounded(); // inline flags: (?x) would change how the rest reads
        }
        pos = opening.body();
        long inner;
        if (opening.zeroWidth()) {
            // a look-around consumes nothing; what it looks at may be unbounded, and is read only
            // to find its end
            int start = pos;
            try {
                alternation();
            } catch (Unbounded e) {
                pos = start;
                skipGroupBody();
            }
            inner = 0;
        } else {
            inner = alternation();
        }
        if (pos >= re.length() || re.charAt(pos) != ')') {
            throw new Unbounded();
        }
        pos++;
        return inner;
    }

    /** Moves to the ')' that closes the group whose body starts here. */
    private void skipGroupBody() {
        int depth = 0;
        while (pos < re.length()) {
            char c = re.charAt(pos);
            if (c == '\\') {
                if (pos + 1 < re.length() && re.charAt(pos + 1) == 'Q') {
                    throw new Unbounded();
                }
                pos += 2;
                continue;
            }
            if (c == '[') {
                pos++;
                charClass();
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return;
                }
                depth--;
            }
            pos++;
        }
        throw new Unbounded();
    }
}
