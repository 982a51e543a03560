package io.bulwark.scan.antispam.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Derives from a regular expression a set of literals one of which occurs in every text the
 * expression finds a match in, compared after {@link #fold case folding} (so the set holds for the
 * expression with and without {@code /i}). {@link RulesCheck} runs a rule's expression only when
 * one of its literals was seen in the text, which most messages never give most rules.
 *
 * <p>Written here, a small recursive descent over {@link Pattern}'s syntax, because no library in
 * reach does it (re2j and dk.brics automata parse a different dialect). It is conservative by
 * construction: every construct it does not know for certain (back references, {@code \Q},
 * {@code \x..}, inline flags, non-ASCII literals, wide character classes) makes that piece
 * "anything", and a pattern it cannot read at all yields no literals, i.e. the rule always runs.
 * The rules are:
 *
 * <ul>
 *   <li>a literal ASCII character is exactly itself, folded; zero-width assertions ({@code ^ $ \b
 *       \B \A \z \Z \G}, look-arounds) are exactly the empty string (they consume nothing, so the
 *       text around them is still contiguous in the match);</li>
 *   <li>a small class of literal characters ({@code [- ]}) is exactly one of them;</li>
 *   <li>a sequence of exact pieces is exactly their product (capped); otherwise one of its exact
 *       runs or one of its pieces' required sets must occur, and the one whose shortest literal is
 *       longest is kept;</li>
 *   <li>an alternation is exact when every branch is, else it requires the union of its branches'
 *       required sets (none when a branch requires none);</li>
 *   <li>{@code x?} is exact {@code x} or empty; {@code x{n,m}} with {@code n >= 1} requires
 *       {@code x} repeated {@code n} times (its first n repetitions are adjacent); {@code x*} and
 *       {@code x{0,m}} require nothing.</li>
 * </ul>
 *
 * <p>{@code RulePrefilterTest} runs every starter rule with and without the filter over every test
 * message the project has and over messages made to hit each rule.
 */
final class RequiredLiterals {
    /** Most literals an exact set may hold before it is treated as "anything" (cross products grow fast). */
    private static final int MAX_SET = 256;
    /** Longest literal kept in an exact set; longer ones stay exact but are not grown further. */
    private static final int MAX_LENGTH = 64;

    private final String re;
    private int pos;

    private RequiredLiterals(String re) {
        this.re = re;
    }

    /**
     * The folded literals one of which a match of {@code pattern} must contain; empty when none can
     * be derived safely (the rule must then always run).
     */
    static Optional<Set<String>> of(Pattern pattern) {
        if ((pattern.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
            return Optional.empty();
        }
        try {
            RequiredLiterals parser = new RequiredLiterals(pattern.pattern());
            Piece piece = parser.alternation();
            if (parser.pos != parser.re.length()) {
                return Optional.empty();
            }
            return Optional.ofNullable(piece.required);
        } catch (Unreadable e) {
            return Optional.empty();
        }
    }

    /**
     * Java's case-insensitive comparison of one character under {@code UNICODE_CASE}
     * ({@code toLowerCase(toUpperCase(c))}, as {@code java.util.regex} compares), with an ASCII
     * fast path. Folding text and literals alike keeps "a match contains the literal" true for
     * case-sensitive and case-insensitive expressions.
     */
    static char fold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** A piece of the expression: its exact set of strings if finite and known, and what it requires. */
    private record Piece(Set<String> exact, Set<String> required) {
        static final Piece ANYTHING = new Piece(null, null);
        static final Piece EMPTY = exact(Set.of(""));

        static Piece exact(Set<String> strings) {
            boolean usable = !strings.isEmpty() && !strings.contains("");
            return new Piece(strings, usable ? strings : null);
        }

        static Piece requiring(Set<String> required) {
            return new Piece(null, required);
        }
    }

    /** The expression uses a construct whose meaning for literals is not known here. */
    private static final class Unreadable extends RuntimeException {
        Unreadable() {
            super(null, null, false, false);
        }
    }

    private Piece alternation() {
        List<Piece> branches = new ArrayList<>();
        branches.add(sequence());
        while (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            branches.add(sequence());
        }
        if (branches.size() == 1) {
            return branches.getFirst();
        }
        if (branches.stream().allMatch(b -> b.exact != null)) {
            Set<String> union = new LinkedHashSet<>();
            branches.forEach(b -> union.addAll(b.exact));
            if (union.size() <= MAX_SET) {
                return Piece.exact(union);
            }
        }
        Set<String> required = new LinkedHashSet<>();
        for (Piece b : branches) {
            if (b.required == null) {
                return Piece.ANYTHING;
            }
            required.addAll(b.required);
        }
        return Piece.requiring(required);
    }

    private Piece sequence() {
        List<Set<String>> candidates = new ArrayList<>();
        Set<String> run = Set.of("");
        boolean allExact = true;
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            Piece p = quantified(atom());
            Set<String> product = p.exact == null ? null : product(run, p.exact);
            if (product != null) {
                run = product;
                continue;
            }
            allExact = false;
            candidates.add(run);
            if (p.exact != null) {
                run = p.exact;
            } else {
                if (p.required != null) {
                    candidates.add(p.required);
                }
                run = Set.of("");
            }
        }
        if (allExact) {
            return Piece.exact(run);
        }
        candidates.add(run);
        Set<String> best = null;
        for (Set<String> c : candidates) {
            if (!c.isEmpty() && !c.contains("") && (best == null || shortest(c) > shortest(best))) {
                best = c;
            }
        }
        return Piece.requiring(best);
    }

    private static int shortest(Set<String> s) {
        return s.stream().mapToInt(String::length).min().orElse(0);
    }

    /** Every a followed by every b; null when it would grow past the caps. */
    private static Set<String> product(Set<String> a, Set<String> b) {
        if ((long) a.size() * b.size() > MAX_SET) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String x : a) {
            for (String y : b) {
                if (x.length() + y.length() > MAX_LENGTH) {
                    return null;
                }
                out.add(x + y);
            }
        }
        return out;
    }

    private Piece quantified(Piece atom) {
        if (pos >= re.length()) {
            return atom;
        }
        char c = re.charAt(pos);
        int min;
        boolean bounded1 = false;
        switch (c) {
            case '?' -> {
                pos++;
                min = 0;
                bounded1 = true;
            }
            case '*' -> {
                pos++;
                min = 0;
            }
            case '+' -> {
                pos++;
                min = 1;
            }
            case '{' -> {
                RegexSyntax.Repeat repeat = RegexSyntax.repeat(re, pos);
                if (repeat == null) {
                    throw new Unreadable();
                }
                min = repeat.min();
                bounded1 = min == 0 && repeat.max() == 1;
                pos = repeat.end();
            }
            default -> {
                return atom;
            }
        }
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
            pos++; // lazy or possessive: the same strings can match, only the search order differs
        }
        if (min == 0) {
            if (bounded1 && atom.exact != null) {
                Set<String> optional = new LinkedHashSet<>(atom.exact);
                optional.add("");
                return Piece.exact(optional);
            }
            return Piece.ANYTHING;
        }
        if (atom.exact != null) {
            Set<String> repeated = Set.of("");
            for (int i = 0; i < min && repeated != null; i++) {
                repeated = product(repeated, atom.exact);
            }
            if (repeated != null) {
                return repeated.contains("") ? Piece.ANYTHING : Piece.requiring(repeated);
            }
        }
        return Piece.requiring(atom.required);
    }

    private Piece atom() {
        char c = re.charAt(pos++);
        switch (c) {
            case '.' -> {
                return Piece.ANYTHING;
            }
            case '^', '$' -> {
                return Piece.EMPTY;
            }
            case '[' -> {
                return charClass();
            }
            case '(' -> {
                return group();
            }
            case '\\' -> {
                return escape();
            }
            case '*', '+', '?', '{', ')' -> throw new Unreadable();
            default -> {
                return literal(c);
            }
        }
    }

    private static Piece literal(char c) {
        if (c >= 0x80) {
            return Piece.ANYTHING; // keeps the fold question to ASCII, where it is plain
        }
        return Piece.exact(Set.of(String.valueOf(fold(c))));
    }

    private Piece escape() {
        if (pos >= re.length()) {
            throw new Unreadable();
        }
        char c = re.charAt(pos++);
        switch (c) {
            case 'b', 'B', 'A', 'z', 'Z', 'G' -> {
                return Piece.EMPTY;
            }
            case 'd', 'D', 'w', 'W', 's', 'S', 'h', 'H', 'v', 'V', 'R', 'X', 't', 'n', 'r', 'f', 'a', 'e' -> {
                return Piece.ANYTHING;
            }
            case 'p', 'P' -> {
                pos = RegexSyntax.afterProperty(re, pos);
                if (pos < 0) {
                    throw new Unreadable();
                }
                return Piece.ANYTHING;
            }
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    throw new Unreadable(); // hex, unicode, octal and control escapes, named groups, quoting, back references
                }
                return literal(c);
            }
        }
    }

    /** A class: exact when it lists a few literal characters only, else anything. */
    private Piece charClass() {
        Set<String> chars = new LinkedHashSet<>();
        boolean simple = true;
        int depth = 1; // 0 once the closing ']' is read
        boolean first = true; // a ']' first (also right after '^') is a member, not the end
        if (pos < re.length() && re.charAt(pos) == '^') {
            pos++;
            simple = false;
        }
        while (depth > 0) {
            if (pos >= re.length()) {
                throw new Unreadable();
            }
            char c = re.charAt(pos++);
            if (c == '\\') {
                if (pos >= re.length()) {
                    throw new Unreadable();
                }
                char e = re.charAt(pos++);
                if (e == 'Q' || e == 'p' || e == 'P' || e == 'x' || e == 'u' || e == '0' || e == 'c' || e == 'N') {
                    throw new Unreadable(); // their arguments would be misread as class members
                }
                if (Character.isLetterOrDigit(e) || e >= 0x80) {
                    simple = false;
                } else {
                    chars.add(String.valueOf(fold(e)));
                }
            } else if (c == '[') {
                throw new Unreadable(); // nested classes and intersections: not worth reading
            } else if (c == ']' && !first) {
                depth = 0;
            } else if (c == '-' && !first && pos < re.length() && re.charAt(pos) != ']' || c == '&' || c >= 0x80) {
                simple = false;
            } else {
                chars.add(String.valueOf(fold(c)));
            }
            first = false;
        }
        return simple && !chars.isEmpty() && chars.size() <= 8 ? Piece.exact(chars) : Piece.ANYTHING;
    }

    private Piece group() {
        RegexSyntax.GroupStart start = RegexSyntax.groupStart(re, pos);
        if (start == null) {
            throw new Unreadable(); // inline flags: (?x) would change how the rest reads
        }
        pos = start.body();
        boolean zeroWidth = start.zeroWidth();
        Piece inner = alternation();
        if (pos >= re.length() || re.charAt(pos) != ')') {
            throw new Unreadable();
        }
        pos++;
        return zeroWidth ? Piece.EMPTY : inner;
    }
}
