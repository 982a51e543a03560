package io.bulwark.scan.antivirus.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.match.AhoCorasick;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Both anchor matchers find exactly what a naive search of every pattern at every offset finds. */
class AhoCorasickTest {

    private static Set<String> naive(List<byte[]> patterns, byte[] text) {
        Set<String> hits = new TreeSet<>();
        for (int p = 0; p < patterns.size(); p++) {
            byte[] pat = patterns.get(p);
            for (int i = 0; i + pat.length <= text.length; i++) {
                if (java.util.Arrays.equals(text, i, i + pat.length, pat, 0, pat.length)) {
                    hits.add(p + "@" + i);
                }
            }
        }
        return hits;
    }

    private static Set<String> automaton(List<byte[]> patterns, byte[] text) {
        Set<String> hits = new TreeSet<>();
        AhoCorasick.build(patterns).search(text, text.length, (p, start) -> hits.add(p + "@" + start));
        return hits;
    }

    @Test
    void findsOverlappingAndNestedPatternsAsTheTextbookExampleDoes() {
        List<byte[]> patterns = List.of("he", "she", "his", "hers").stream()
                .map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
        byte[] text = "ushers".getBytes(StandardCharsets.US_ASCII);
        assertThat(automaton(patterns, text)).containsExactlyInAnyOrder("1@1", "0@2", "3@2");
    }

    @Test
    void agreesWithANaiveSearchOnRandomBinaryPatternsOverASmallAlphabet() {
        Random random = new Random(11);
        for (int round = 0; round < 50; round++) {
            List<byte[]> patterns = new ArrayList<>();
            for (int p = 0; p < 40; p++) {
                byte[] pat = new byte[1 + random.nextInt(6)];
                for (int i = 0; i < pat.length; i++) {
                    pat[i] = (byte) (random.nextInt(3) * 0x7f); // 0x00, 0x7f, 0xfe: signed-byte edges too
                }
                patterns.add(pat);
            }
            byte[] text = new byte[500];
            for (int i = 0; i < text.length; i++) {
                text[i] = (byte) (random.nextInt(3) * 0x7f);
            }
            assertThat(automaton(patterns, text)).isEqualTo(naive(patterns, text));
        }
    }

    @Test
    void duplicatePatternsEachReport() {
        List<byte[]> patterns = List.of(new byte[] {1, 2}, new byte[] {1, 2});
        assertThat(automaton(patterns, new byte[] {0, 1, 2})).containsExactlyInAnyOrder("0@1", "1@1");
    }

    @Test
    void theHandlerCanStopTheSearch() {
        List<byte[]> patterns = List.of(new byte[] {7});
        List<Integer> seen = new ArrayList<>();
        AhoCorasick.build(patterns).search(new byte[] {7, 7, 7}, 3, (p, start) -> {
            seen.add(start);
            return false;
        });
        assertThat(seen).containsExactly(0);
    }

    @Test
    void theQGramIndexAgreesWithANaiveSearchToo() {
        Random random = new Random(12);
        for (int round = 0; round < 50; round++) {
            List<byte[]> patterns = new ArrayList<>();
            for (int p = 0; p < 40; p++) {
                byte[] pat = new byte[2 + random.nextInt(5)];
                for (int i = 0; i < pat.length; i++) {
                    pat[i] = (byte) (random.nextInt(3) * 0x7f);
                }
                patterns.add(pat);
            }
            byte[] text = new byte[500];
            for (int i = 0; i < text.length; i++) {
                text[i] = (byte) (random.nextInt(3) * 0x7f);
            }
            Set<String> hits = new TreeSet<>();
            new QGramIndex(patterns).search(text, text.length, (p, start) -> hits.add(p + "@" + start));
            assertThat(hits).isEqualTo(naive(patterns, text));
        }
    }
}
