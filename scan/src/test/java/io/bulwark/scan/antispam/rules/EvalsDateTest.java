package io.bulwark.scan.antispam.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link Evals#parseDate} without per-call expressions reads every date as the expressions did. */
class EvalsDateTest {
    private static final Pattern COMMENT = Pattern.compile("\\([^)]*\\)");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy H:mm[:ss] xx", Locale.ROOT);

    /** parseDate as it stood before (nine replaceFirst per call). */
    private static Optional<ZonedDateTime> before(String value) {
        String v = COMMENT.matcher(value).replaceAll(" ").replaceAll("\\s+", " ").strip();
        if (v.length() > 4 && v.charAt(3) == ',') {
            v = v.substring(4).strip();
        }
        v = v.replaceFirst(" (UT|GMT)$", " +0000").replaceFirst(" EST$", " -0500").replaceFirst(" EDT$", " -0400")
                .replaceFirst(" CST$", " -0600").replaceFirst(" CDT$", " -0500").replaceFirst(" MST$", " -0700")
                .replaceFirst(" MDT$", " -0600").replaceFirst(" PST$", " -0800").replaceFirst(" PDT$", " -0700");
        try {
            return Optional.of(ZonedDateTime.parse(v, DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Test
    void readsTheDatesTheExpressionsRead() {
        String[] table = {"Tue, 1 Dec 2026 10:00:00 +0100", "1 Dec 2026 10:00 GMT", "Tue, 01 Dec 2026 10:00:00 UT",
            "Tue, 1 Dec 2026 10:00:00 PDT (Pacific)", "Tue,1 Dec 2026 10:00:00 EST", " Tue, 1 Dec 2026\r\n 10:00:00 CDT ",
            "Tue, 1 Dec 2026 10:00:00 GMT GMT", "Tue, 1 Dec 2026 10:00:00 XST", "1 Dec 2026 10:00:00 -0000 (UTC)",
            "Tue, 1 Dec 2026 10:00:00 GMT\u0085", "Tue, 1 Dec 2026 10:00:00 EST\u2028", "(c) 1 Dec 2026 1:02 MST",
            "1 Dec 2026 10:00 UTC", "1 Dec 2026 10:00 gmt", "", "garbage", "Tue, 1 Dec 2026 10:00:00 +0100 (CET",
            "1 Dec 2026 10:00:00\u00a0GMT", "Sun, 31 Feb 2026 10:00:00 +0000"};
        for (String date : table) {
            assertThat(Evals.parseDate(date)).as(date).isEqualTo(before(date));
        }
        int valid = 0;
        for (String head : new String[] {"Tue, 1 Dec 2026 10:00:00", "1 Dec 2026 10:00", " Mon,  7 Dec 2026 23:59:59"}) {
            for (String zone : new String[] {"", " +0100", " UT", " GMT", " EST", " EDT", " CST", " CDT", " MST",
                " MDT", " PST", " PDT", " XST", " gmt", "GMT", "  PDT"}) {
                for (String tail : new String[] {"", " ", "\u0085", " (c)", "\r\n", "\u2028", "x", "\u00a0"}) {
                    String date = head + zone + tail;
                    assertThat(Evals.parseDate(date)).as(date).isEqualTo(before(date));
                    valid += before(date).isPresent() ? 1 : 0;
                }
            }
        }
        assertThat(valid).isGreaterThan(100);
        String[] pieces = {"Tue,", "Tue, ", "1", "01", " Dec", " 2026", " 10:00", ":59", " +0100", " -0500", " UT",
            " GMT", " EST", " EDT", " CST", " CDT", " MST", " MDT", " PST", " PDT", " (x)", "(", ")", " ", "\t",
            "\r\n ", "\u0085", "\u2028", "\u00a0"};
        SplittableRandom random = new SplittableRandom(5322);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(1, 9); k > 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String date = b.toString();
            assertThat(Evals.parseDate(date)).as(date).isEqualTo(before(date));
        }
    }
}
