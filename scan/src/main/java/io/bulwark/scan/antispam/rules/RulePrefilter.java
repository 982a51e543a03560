package io.bulwark.scan.antispam.rules;

import io.bulwark.scan.match.AhoCorasick;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
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
 * <p>A body rule whose expression has a bounded match length ({@link MatchLength}) runs only over
 * windows around the places its literals were seen, not over the whole body (ADR 0045): a match
 * contains one of its literals and is at most that long, so it lies in such a window; the windows
 * are searched with transparent, non-anchoring bounds, so that {@code \b}, {@code ^}, {@code $} and
 * look-arounds see the whole body as before. A literal seen more than {@value #PLACES_KEPT} times
 * in a body sends the rules that need it back to the whole body.
 *
 * <p>Immutable and thread-safe.
 */
final class RulePrefilter {
    private static final byte NON_ASCII = (byte) 0x80;
    private static final int CHUNK = 4096;
    /** Places kept per literal per body; more, and the rules needing it search the whole body. */
    static final int PLACES_KEPT = 64;

    private final AhoCorasick automaton;
    private final int literals;
    private final int[][] literalsOf;
    private final int[] literalLength;
    private final int[] maxLength;     // per rule: longest match of a body rule, or -1 (whole body)

    private RulePrefilter(AhoCorasick automaton, int literals, int[][] literalsOf, int[] literalLength,
            int[] maxLength) {
        this.automaton = automaton;
        this.literals = literals;
        this.literalsOf = literalsOf;
        this.literalLength = literalLength;
        this.maxLength = maxLength;
    }

    /** The filter for {@code rules}, in their order. */
    static RulePrefilter of(List<Rule> rules) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[][] literalsOf = new int[rules.size()][];
        int[] maxLength = new int[rules.size()];
        Arrays.fill(maxLength, -1);
        for (int r = 0; r < rules.size(); r++) {
            boolean body = rules.get(r).condition() instanceof Condition.Body;
            Pattern pattern = switch (rules.get(r).condition()) {
                case Condition.Body b -> b.pattern();
                case Condition.Header h -> h.pattern();
                case Condition.Uri u -> u.pattern();
                default -> null;
            };
            Optional<Set<String>> needed = pattern == null ? Optional.empty() : RequiredLiterals.of(pattern);
            if (needed.isPresent()) {
                literalsOf[r] = needed.get().stream().mapToInt(l -> ids.computeIfAbsent(l, k -> ids.size())).toArray();
                maxLength[r] = body ? MatchLength.of(pattern).orElse(-1) : -1;
            }
        }
        List<byte[]> patterns = new ArrayList<>();
        ids.keySet().forEach(l -> patterns.add(l.getBytes(StandardCharsets.US_ASCII)));
        return new RulePrefilter(patterns.isEmpty() ? null : AhoCorasick.build(patterns), patterns.size(),
                literalsOf, ids.keySet().stream().mapToInt(String::length).toArray(), maxLength);
    }

    /** A filter that lets every rule run (the reference the equivalence test compares with). */
    static RulePrefilter none(int rules) {
        int[] whole = new int[rules];
        Arrays.fill(whole, -1);
        return new RulePrefilter(null, 0, new int[rules][], new int[0], whole);
    }

    /** The longest match of body rule {@code rule}'s expression, or -1 when it runs over the whole body. */
    int maxLength(int rule) {
        return maxLength[rule];
    }

    /**
     * Which literals a body holds and where (the first {@value #PLACES_KEPT} places of each), for
     * {@link #bodyMatches}. Not thread-safe; one per message.
     */
    static final class Sightings {
        final boolean[] seen;
        final int[] count;
        int[] places = new int[32]; // literal id, start; in the order the search found them
        int size;

        Sightings(int literals) {
            seen = new boolean[literals];
            count = new int[literals];
        }

        void add(int literal, int start) {
            seen[literal] = true;
            if (++count[literal] > PLACES_KEPT) {
                return;
            }
            if (size + 2 > places.length) {
                places = Arrays.copyOf(places, places.length * 2);
            }
            places[size++] = literal;
            places[size++] = start;
        }
    }

    /** Which literals occur in {@code text}, by id, and where. */
    Sightings sightings(String text) {
        Sightings found = new Sightings(literals);
        search(text, (pattern, start) -> {
            found.add(pattern, start);
            return true;
        });
        return found;
    }

    /**
     * Whether body rule {@code rule}'s expression finds a match in {@code text}, whose literals are
     * {@code found}: never when none of its literals occurs ({@link #mayMatch}); over windows around
     * its literals' places when its match length is bounded and every place is known; else over the
     * whole text.
     */
    boolean bodyMatches(int rule, Pattern pattern, String text, Sightings found) {
        if (!mayMatch(rule, found.seen)) {
            return false;
        }
        int max = maxLength[rule];
        int[] needed = literalsOf[rule];
        if (max < 0 || needed == null) {
            return pattern.matcher(text).find();
        }
        for (int id : needed) {
            if (found.count[id] > PLACES_KEPT) {
                return pattern.matcher(text).find();
            }
        }
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int n = text.length();
        int from = -1;
        int to = -1;
        // the places come in the order the search found them, by end: so window starts (end + 1 -
        // max) never decrease, and overlapping windows merge in one pass
        for (int k = 0; k < found.size; k += 2) {
            int id = found.places[k];
            if (!contains(needed, id)) {
                continue;
            }
            int start = found.places[k + 1];
            int wFrom = Math.max(0, start + literalLength[id] - max);
            int wTo = (int) Math.min(n, (long) start + max);
            if (from >= 0 && wFrom <= to) {
                to = Math.max(to, wTo);
                continue;
            }
            if (from >= 0 && find(m, text, from, to)) {
                return true;
            }
            from = wFrom;
            to = wTo;
        }
        return from >= 0 && find(m, text, from, to);
    }

    private static boolean contains(int[] ids, int id) {
        for (int i : ids) {
            if (i == id) {
                return true;
            }
        }
        return false;
    }

    /** Finds in {@code [from, to)}, widened so that no surrogate pair is cut (the JDK never starts a match inside one). */
    private static boolean find(Matcher m, String text, int from, int to) {
        if (from > 0 && Character.isLowSurrogate(text.charAt(from)) && Character.isHighSurrogate(text.charAt(from - 1))) {
            from--;
        }
        if (to < text.length() && to > 0 && Character.isLowSurrogate(text.charAt(to))
                && Character.isHighSurrogate(text.charAt(to - 1))) {
            to++;
        }
        m.region(from, to);
        return m.find();
    }

    /** Whether rule {@code rule} is filtered at all (has literals). */
    boolean filters(int rule) {
        return literalsOf[rule] != null;
    }

    /** Which literals occur in {@code text}, by id. */
    boolean[] seen(String text) {
        boolean[] seen = new boolean[literals];
        search(text, (pattern, start) -> {
            seen[pattern] = true;
            return true;
        });
        return seen;
    }

    /** One pass of the automaton over {@code text}, folded. */
    private void search(String text, AhoCorasick.MatchHandler mark) {
        if (automaton == null) {
            return;
        }
        // folded piece by piece into one small buffer: a copy of the whole text was the rules'
        // largest allocation per message (issue 19's profile: RulePrefilter.seen)
        byte[] folded = new byte[Math.min(text.length(), CHUNK)];
        int state = AhoCorasick.START;
        for (int from = 0; from < text.length(); from += folded.length) {
            int n = Math.min(folded.length, text.length() - from);
            for (int i = 0; i < n; i++) {
                char f = RequiredLiterals.fold(text.charAt(from + i));
                folded[i] = f < 0x80 ? (byte) f : NON_ASCII;
            }
            state = automaton.search(state, folded, n, from, mark);
        }
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
