package io.bulwark.scan.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageView#headers(String)} without a lower-cased copy per field (issue 19) finds the
 * fields the stream with {@code toLowerCase(Locale.ROOT)} found: the old lookup is the oracle, over
 * generated field names that mix ASCII case with characters whose case mapping reaches ASCII or
 * differs between the two comparisons (Kelvin sign, dotted and dotless i, long s).
 */
class MessageViewHeadersTest {

    private static List<HeaderField> oracle(MessageView view, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return view.headers().stream().filter(h -> h.name().toLowerCase(Locale.ROOT).equals(wanted)).toList();
    }

    private static final String[] PIECES = {"x", "X", "k", "K", "\u212A", "i", "I", "\u0130", "\u0131", "s", "S",
        "\u017F", "-", "Subject", "SUBJECT", "subject", "Received", "é", "É"};

    private static String name(SplittableRandom rng) {
        StringBuilder b = new StringBuilder();
        int n = rng.nextInt(1, 4);
        for (int i = 0; i < n; i++) {
            b.append(PIECES[rng.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    @Test
    void findsTheFieldsTheLowerCasedLookupFound() {
        SplittableRandom rng = new SplittableRandom(19);
        for (int m = 0; m < 2000; m++) {
            List<HeaderField> fields = new ArrayList<>();
            int n = rng.nextInt(0, 12);
            for (int i = 0; i < n; i++) {
                fields.add(new HeaderField(name(rng), "v" + i));
            }
            MessageView view = new MessageView(fields, List.of(), 0, List.of());
            for (int q = 0; q < 10; q++) {
                String wanted = q < n && rng.nextBoolean() ? fields.get(q).name().toUpperCase(Locale.ROOT) : name(rng);
                assertThat(view.headers(wanted)).as(wanted).isEqualTo(oracle(view, wanted));
            }
        }
    }
}
