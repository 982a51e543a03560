package io.bulwark.scan.antispam.rules;

import io.bulwark.scan.match.AhoCorasick;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which rules' regular expressions can possibly match a text: each header, body and URI rule
 * carries the literals one of which its expression needs ({@link RequiredLiterals}); one
 * Aho-Corasick pass ({@link AhoCorasick}) over the case-folded text finds every literal present,
 * and a rule whose literals are all absent is known not to match without running its expression.
 * Rules without derivable literals always run. ADR 0036.
 *
 * <p>The text is folded once per pass into one byte per character: the folded character when it
 * is ASCII (all literals are), else {@code 0x80}, which no literal contains; a piece at a time, the
 * automaton's state carried across the pieces.
 *
 * <p>Immutable and thread-safe.
 */
final class RulePrefilter {
    private static final byte NON_ASCII = (byte) 0x80;
    private static final int CHUNK = 4096;

    private final AhoCorasick automaton;
    private final int literals;
    private final int[][] literalsOf;

    private RulePrefilter(AhoCorasick automaton, int literals, int[][] literalsOf) {
        this.automaton = automaton;
        this.literals = literals;
        this.literalsOf = literalsOf;
    }

    /** The filter for {@code rules}, in their order. */
    static RulePrefilter of(List<Rule> rules) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[][] literalsOf = new int[rules.size()][];
        for (int r = 0; r < rules.size(); r++) {
            Pattern pattern = switch (rules.get(r).condition()) {
                case Condition.Body b -> b.pattern();
                case Condition.Header h -> h.pattern();
                case Condition.Uri u -> u.pattern();
                default -> null;
            };
            Optional<Set<String>> needed = pattern == null ? Optional.empty() : RequiredLiterals.of(pattern);
            if (needed.isPresent()) {
                literalsOf[r] = needed.get().stream().mapToInt(l -> ids.computeIfAbsent(l, k -> ids.size())).toArray();
            }
        }
        List<byte[]> patterns = new ArrayList<>();
        ids.keySet().forEach(l -> patterns.add(l.getBytes(StandardCharsets.US_ASCII)));
        return new RulePrefilter(patterns.isEmpty() ? null : AhoCorasick.build(patterns), patterns.size(),
                literalsOf);
    }

    /** A filter that lets every rule run (the reference the equivalence test compares with). */
    static RulePrefilter none(int rules) {
        return new RulePrefilter(null, 0, new int[rules][]);
    }

    /** Whether rule {@code rule} is filtered at all (has literals). */
    boolean filters(int rule) {
        return literalsOf[rule] != null;
    }

    /** Which literals occur in {@code text}, by id. */
    boolean[] seen(String text) {
        boolean[] seen = new boolean[literals];
        if (automaton == null) {
            return seen;
        }
        // folded piece by piece into one small buffer: a copy of the whole text was the rules'
        // largest allocation per message (issue 19's profile: RulePrefilter.seen)
        byte[] folded = new byte[Math.min(text.length(), CHUNK)];
        AhoCorasick.MatchHandler mark = (pattern, start) -> {
            seen[pattern] = true;
            return true;
        };
        int state = AhoCorasick.START;
        for (int from = 0; from < text.length(); from += folded.length) {
            int n = Math.min(folded.length, text.length() - from);
            for (int i = 0; i < n; i++) {
                char f = RequiredLiterals.fold(text.charAt(from + i));
                folded[i] = f < 0x80 ? (byte) f : NON_ASCII;
            }
            state = automaton.search(state, folded, n, from, mark);
        }
        return seen;
    }

    /** Whether {@code rule}'s expression may match a text whose literals are {@code seen}. */
    boolean mayMatch(int rule, boolean[] seen) {
        int[] needed = literalsOf[rule];
        if (needed == null) {
            return true;
        }
        for (int id : needed) {
            if (seen[id]) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code rule}'s expression may match {@code text}. */
    boolean mayMatch(int rule, String text) {
        return literalsOf[rule] == null || mayMatch(rule, seen(text));
    }

    /**
     * Whether {@code rule}'s expression may match {@code text}, the literals of each distinct text
     * searched once and kept in {@code seenByText} (one message's header values and links, which
     * several rules read: the profile showed the same Subject and URLs folded and searched once per
     * rule).
     */
    boolean mayMatch(int rule, String text, Map<String, boolean[]> seenByText) {
        return literalsOf[rule] == null || mayMatch(rule, seenByText.computeIfAbsent(text, this::seen));
    }
}
