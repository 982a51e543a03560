package io.bulwark.scan.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The complete transition table of a small automaton finds what the sparse edges and failure links
 * find, and a search in pieces finds what one search over the whole text finds, matches across the
 * pieces included.
 */
class AhoCorasickTableTest {

    private static List<String> matches(AhoCorasick automaton, byte[] text) {
        List<String> found = new ArrayList<>();
        automaton.search(text, text.length, (pattern, start) -> found.add(pattern + "@" + start));
        return found;
    }

    private static List<String> matchesInPieces(AhoCorasick automaton, byte[] text, int piece) {
        List<String> found = new ArrayList<>();
        int state = AhoCorasick.START;
        for (int from = 0; from < text.length; from += piece) {
            byte[] chunk = java.util.Arrays.copyOfRange(text, from, Math.min(text.length, from + piece));
            state = automaton.search(state, chunk, chunk.length, from, (pattern, start) -> found.add(pattern + "@" + start));
        }
        return found;
    }

    @Test
    void tableAndEdgesFindTheSameMatchesWholeAndInPieces() {
        SplittableRandom random = new SplittableRandom(1975);
        for (int round = 0; round < 300; round++) {
            int alphabet = random.nextInt(2, 6);
            List<byte[]> patterns = new ArrayList<>();
            for (int p = random.nextInt(1, 30); p > 0; p--) {
                byte[] pattern = new byte[random.nextInt(1, 6)];
                for (int i = 0; i < pattern.length; i++) {
                    pattern[i] = (byte) ('a' + random.nextInt(alphabet));
                }
                patterns.add(pattern);
            }
            byte[] text = new byte[random.nextInt(0, 400)];
            for (int i = 0; i < text.length; i++) {
                text[i] = (byte) (random.nextInt(10) == 0 ? 0x80 + random.nextInt(128) : 'a' + random.nextInt(alphabet));
            }
            AhoCorasick table = AhoCorasick.build(patterns);
            AhoCorasick edges = AhoCorasick.build(patterns, 0);
            assertThat(table.dense()).isTrue();
            assertThat(edges.dense()).isFalse();
            List<String> expected = matches(edges, text);
            List<String> naive = new ArrayList<>();
            for (int p = 0; p < patterns.size(); p++) {
                for (int start = 0; start + patterns.get(p).length <= text.length; start++) {
                    if (java.util.Arrays.equals(text, start, start + patterns.get(p).length, patterns.get(p), 0,
                            patterns.get(p).length)) {
                        naive.add(p + "@" + start);
                    }
                }
            }
            assertThat(expected).containsExactlyInAnyOrderElementsOf(naive);
            assertThat(matches(table, text)).isEqualTo(expected);
            int piece = random.nextInt(1, 50);
            assertThat(matchesInPieces(table, text, piece)).isEqualTo(expected);
            assertThat(matchesInPieces(edges, text, piece)).isEqualTo(expected);
        }
    }

    /**
     * An automaton of more than 4,096 states over a few dozen byte values, like the rules' literals,
     * gets its table (one column per byte value in a pattern) and finds what the edges find; one
     * whose patterns use every byte value keeps the edges.
     */
    @Test
    void largeAutomataOverFewByteValuesGetTheTableToo() {
        SplittableRandom random = new SplittableRandom(45);
        List<byte[]> patterns = new ArrayList<>();
        for (int p = 0; p < 900; p++) {
            byte[] pattern = new byte[random.nextInt(3, 12)];
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) (random.nextInt(8) == 0 ? ' ' : 'a' + random.nextInt(26));
            }
            patterns.add(pattern);
        }
        AhoCorasick table = AhoCorasick.build(patterns);
        AhoCorasick edges = AhoCorasick.build(patterns, 0);
        assertThat(table.size()).isGreaterThan(4096);
        assertThat(table.dense()).isTrue();
        for (int round = 0; round < 50; round++) {
            byte[] text = new byte[random.nextInt(0, 5000)];
            for (int i = 0; i < text.length; i++) {
                int r = random.nextInt(20);
                text[i] = (byte) (r == 0 ? random.nextInt(256) : r < 4 ? ' ' : 'a' + random.nextInt(26));
            }
            // patterns cut out of the text, so that matches are many
            for (int k = 0; k < 20 && text.length > 20; k++) {
                byte[] p = patterns.get(random.nextInt(patterns.size()));
                int at = random.nextInt(text.length - p.length);
                System.arraycopy(p, 0, text, at, p.length);
            }
            List<String> expected = matches(edges, text);
            assertThat(matches(table, text)).isEqualTo(expected);
            assertThat(matchesInPieces(table, text, random.nextInt(1, 600))).isEqualTo(expected);
        }
        List<byte[]> everyByte = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            everyByte.add(new byte[] {(byte) b, (byte) (255 - b)});
        }
        AhoCorasick wide = AhoCorasick.build(everyByte);
        assertThat(wide.dense()).isFalse();
        byte[] text = new byte[2048];
        random.nextBytes(text);
        assertThat(matches(wide, text)).isEqualTo(matches(AhoCorasick.build(everyByte, 0), text));
    }
}
