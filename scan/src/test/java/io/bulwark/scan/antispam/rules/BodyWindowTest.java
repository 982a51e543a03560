package io.bulwark.scan.antispam.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The body rules' windowed search (ADR 0045) answers as the whole-body search it replaced: the old
 * matcher, {@code pattern.matcher(body).find()}, is the oracle, over generated bodies made of the
 * rules' literals, the made texts that hit each starter rule, word boundaries, line breaks,
 * non-ASCII letters that fold to ASCII, surrogate pairs and long filler, for every starter body rule
 * and for expressions made to test the edges (look-arounds, anchors, atomic groups, bounded
 * repetition, dots over surrogate pairs). A bound too small, a window cut in the wrong place or a
 * bound that ignores transparency makes some body answer differently.
 */
class BodyWindowTest {

    /** Expressions with a bounded match length that lean on what lies outside the window. */
    private static final List<String[]> EDGES = List.of(
            new String[] {"LOOK_BEHIND", "/(?<=\\bsee )click here\\b/i"},
            new String[] {"LOOK_AHEAD_NOT", "/\\bfree\\b(?!dom)/i"},
            new String[] {"LINE_ANCHORS", "/^click here$/im"},
            new String[] {"TEXT_START", "/^\\s{0,3}dear friend/i"},
            new String[] {"TEXT_END", "/dear friend\\z/i"},
            new String[] {"TEXT_END_Z", "/\\bact now\\Z/i"},
            new String[] {"DOLLAR_PLAIN", "/act now[!.]?$/i"},
            new String[] {"DOT_SPAN", "/click here\\b.{0,20}\\bnow\\b/is"},
            new String[] {"ATOMIC", "/\\b(?>free|freedom) offer\\b/i"},
            new String[] {"CLASS_BEFORE", "/[a-z]{2,5}ing money/i"},
            new String[] {"SURROGATE_DOTS", "/.{1,3}winner.{1,3}/"},
            new String[] {"NOT_BOUNDARY", "/viagra\\B/i"},
            new String[] {"LAZY", "/\\bwin.{1,6}?\\$\\d{1,3}\\b/i"},
            new String[] {"NESTED_CLASS", "/[^\\s[!]]{1,2}lottery[[.]x]?/i"},
            new String[] {"CASE_SENSITIVE", "/Click Here/"},
            new String[] {"LOOK_AHEAD_LONG", "/\\bclick here(?=.*now)/is"});

    @Test
    void boundsAreReadWhereSafeAndNotWhereNot() {
        assertThat(bound("abc")).hasValue(6);
        assertThat(bound("\\bclick (here|below)\\b")).hasValue(2 * 11);
        assertThat(bound("a?b{2,3}[xyz]")).hasValue(2 * 5);
        assertThat(bound("(?<=\\d+ )free(?!.*dom)")).hasValue(8);
        assertThat(bound("[^\\s[!]]{1,2}x")).hasValue(6);
        for (String re : List.of("a*", "a+b", "x{2,}", "(a)\\1", "\\Gx", "\\Xa", "(?i)abc", "\\Qab\\E", "\\x41",
                "[]a]", "a{1,99999}", "\\b{g}")) {
            assertThat(MatchLength.of(Pattern.compile(re))).as(re).isEmpty();
        }
        assertThat(MatchLength.of(Pattern.compile("abc", Pattern.COMMENTS))).isEmpty();
    }

    @Test
    void noMatchIsLongerThanItsBound() {
        SplittableRandom rng = new SplittableRandom(45);
        List<Rule> rules = rules();
        for (int i = 0; i < 3000; i++) {
            String text = body(rng);
            for (Rule rule : rules) {
                Pattern p = ((Condition.Body) rule.condition()).pattern();
                OptionalInt max = MatchLength.of(p);
                if (max.isEmpty()) {
                    continue;
                }
                Matcher m = p.matcher(text);
                while (m.find()) {
                    assertThat(m.end() - m.start()).as(rule.name()).isLessThanOrEqualTo(max.getAsInt());
                }
            }
        }
    }

    @Test
    void windowsAnswerAsTheWholeBodyOverGeneratedBodies() {
        List<Rule> rules = rules();
        RulePrefilter windows = RulePrefilter.of(rules);
        int bounded = 0;
        for (int r = 0; r < rules.size(); r++) {
            bounded += windows.maxLength(r) >= 0 ? 1 : 0;
        }
        // most starter body rules and every edge expression are bounded; the test is about those
        assertThat(bounded).isGreaterThan(20);
        SplittableRandom rng = new SplittableRandom(19);
        int matched = 0;
        int windowed = 0;
        for (int i = 0; i < 6000; i++) {
            String text = i % 50 == 0 ? longBody(rng) : body(rng);
            RulePrefilter.Sightings seen = windows.sightings(text);
            for (int r = 0; r < rules.size(); r++) {
                Pattern p = ((Condition.Body) rules.get(r).condition()).pattern();
                boolean oracle = p.matcher(text).find();
                boolean filtered = windows.mayMatch(r, seen.seen) && windows.bodyMatches(r, p, text, seen);
                assertThat(filtered).as("%s over %s", rules.get(r).name(), abbreviated(text)).isEqualTo(oracle);
                matched += oracle ? 1 : 0;
                windowed += windows.maxLength(r) >= 0 && windows.mayMatch(r, seen.seen) ? 1 : 0;
            }
        }
        // the generated bodies hit the rules often, and the windows were used, not bypassed
        assertThat(matched).isGreaterThan(5000);
        assertThat(windowed).isGreaterThan(5000);
    }

    @Test
    void aLiteralSeenTooOftenSendsItsRulesToTheWholeBody() {
        List<Rule> rules = rules();
        RulePrefilter windows = RulePrefilter.of(rules);
        String text = "free freedom ".repeat(RulePrefilter.PLACES_KEPT + 5) + "free offer";
        RulePrefilter.Sightings seen = windows.sightings(text);
        for (int r = 0; r < rules.size(); r++) {
            Pattern p = ((Condition.Body) rules.get(r).condition()).pattern();
            boolean filtered = windows.mayMatch(r, seen.seen) && windows.bodyMatches(r, p, text, seen);
            assertThat(filtered).as(rules.get(r).name()).isEqualTo(p.matcher(text).find());
        }
    }

    /** The starter's body rules and the edge expressions. */
    private static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>(RuleFile.starter().stream()
                .filter(r -> r.condition() instanceof Condition.Body).toList());
        StringBuilder file = new StringBuilder();
        for (String[] edge : EDGES) {
            file.append("rule ").append(edge[0]).append("\n    body ").append(edge[1])
                    .append("\n    weight 1\n    reason edge case\n");
        }
        rules.addAll(RuleFile.parse("edges", file.toString()));
        return rules;
    }

    private static OptionalInt bound(String re) {
        return MatchLength.of(Pattern.compile(re, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    private static final List<String> PIECES = pieces();

    private static List<String> pieces() {
        List<String> p = new ArrayList<>(List.of("click", "here", "click here", "Click Here", "see ", "free", "dom",
                "offer", "freedom", "act now", "now", "dear friend", "Dear Friend", "winner", "win", "$", "$12",
                "1,000", "500", "money", "making", "viagra", "viagrax", "lottery", "x", "!", "?", ".", ",", " ", " ",
                " ", "  ", "\n", "\r\n", "\t", "é", "İ", "\u212A", "ſ", "😀", "\uD83D", "\uDE00", "ﬁ", "-", "'",
                "=3C", "=2F=2F", "[", "]", "0", "9", "abc", "qwerty"));
        RulePrefilterTest.BODY.values().forEach(p::addAll);
        return List.copyOf(p);
    }

    private static String body(SplittableRandom rng) {
        StringBuilder b = new StringBuilder();
        int n = rng.nextInt(0, 60);
        for (int i = 0; i < n; i++) {
            b.append(PIECES.get(rng.nextInt(PIECES.size())));
        }
        return b.toString();
    }

    /** Long filler with a few pieces far apart: the windows are then much smaller than the body. */
    private static String longBody(SplittableRandom rng) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            b.append("lorem ipsum dolor sit amet ".repeat(rng.nextInt(1, 400)));
            b.append(body(rng));
        }
        return b.toString();
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }
}
