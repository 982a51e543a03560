package io.bulwark.scan.message.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Whitespace#collapse} gives what the engines' expression gave ({@code \s+} → one space,
 * then {@code strip()}): the expression is the oracle, over generated texts of ASCII and Unicode
 * white space, Latin-1 and wider characters and surrogates.
 */
class WhitespaceTest {
    private static final Pattern RUNS = Pattern.compile("\\s+");
    private static final char[] PIECES = {' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2003', '\u3000',
        '\u2028', '\u0085', 'a', 'Z', 'é', 'ß', 'Ā', '中', '\uD83D', '\uDE00', '0', '.'};

    @Test
    void collapsesAsTheExpressionDid() {
        SplittableRandom rng = new SplittableRandom(19);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = rng.nextInt(0, 80);
            for (int k = 0; k < n; k++) {
                b.append(PIECES[rng.nextInt(PIECES.length)]);
            }
            String text = b.toString();
            assertThat(Whitespace.collapse(text)).isEqualTo(RUNS.matcher(text).replaceAll(" ").strip());
            assertThat(Whitespace.collapse(new StringBuilder(text))).isEqualTo(Whitespace.collapse(text));
        }
    }

    @Test
    void piecesCollapseAsTheirConcatenationWithASpaceAfterEach() {
        SplittableRandom rng = new SplittableRandom(23);
        for (int i = 0; i < 20_000; i++) {
            java.util.List<String> pieces = new java.util.ArrayList<>();
            StringBuilder joined = new StringBuilder();
            for (int p = rng.nextInt(0, 5); p > 0; p--) {
                StringBuilder b = new StringBuilder();
                for (int k = rng.nextInt(0, 20); k > 0; k--) {
                    b.append(PIECES[rng.nextInt(PIECES.length)]);
                }
                pieces.add(b.toString());
                joined.append(b).append(' ');
            }
            assertThat(Whitespace.collapse(pieces)).as(pieces.toString())
                    .isEqualTo(RUNS.matcher(joined).replaceAll(" ").strip());
        }
    }
}
