package io.bulwark.scan.antispam.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Evals#capsShare}'s ASCII fast path (issue 19) gives the share the {@code Character} calls
 * gave: the old loop is the oracle, over every {@code char} and over generated mixed texts.
 */
class CapsShareTest {

    /** The loop before the fast path, verbatim. */
    private static double oracle(String s, int minLetters) {
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        return letters < minLetters ? 0 : (double) upper / letters;
    }

    @Test
    void everyCharacterCountsAsBefore() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String s = String.valueOf(c);
            assertThat(Evals.capsShare(s, 1)).as("U+%04X", (int) c).isEqualTo(oracle(s, 1));
        }
    }

    @Test
    void generatedTextsShareAsBefore() {
        SplittableRandom rng = new SplittableRandom(19);
        for (int i = 0; i < 5000; i++) {
            StringBuilder b = new StringBuilder();
            int n = rng.nextInt(0, 400);
            for (int k = 0; k < n; k++) {
                b.append(rng.nextInt(4) == 0 ? (char) rng.nextInt(0x80, 0x3000) : (char) rng.nextInt(0, 0x80));
            }
            String s = b.toString();
            assertThat(Evals.capsShare(s, 10)).isEqualTo(oracle(s, 10));
            assertThat(Evals.capsShare(s, 200)).isEqualTo(oracle(s, 200));
        }
    }
}
