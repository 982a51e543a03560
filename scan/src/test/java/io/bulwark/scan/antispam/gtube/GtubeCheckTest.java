package io.bulwark.scan.antispam.gtube;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GTUBE on SpamAssassin's samples and rspamd's variants, judged on the 0-100 rating scale. */
class GtubeCheckTest {
    private static final CheckHarness PRODUCTION = new CheckHarness(new GtubeCheck(false), ScanServices.none());
    private static final CheckHarness TEST_PATTERNS = new CheckHarness(new GtubeCheck(true), ScanServices.none());

    @AfterAll
    static void close() {
        PRODUCTION.close();
        TEST_PATTERNS.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"gtube.eml, SPAM", "gtubedcc.eml, SPAM", "gtubedcc_crlf.eml, SPAM", "not_gtube.eml, NOT_SPAM",
            "gtube_b64_oct.eml, NOT_SPAM"})
    void judgesSpamAssassinsSamplesAsSpamAssassinDoes(String file, ScanStatus expected) throws Exception {
        byte[] raw;
        try (InputStream in = getClass().getResourceAsStream("/corpora/gtube/" + file)) {
            raw = in.readAllBytes();
        }
        ModuleVerdict v = PRODUCTION.verdict(raw);
        assertThat(v.status()).isEqualTo(expected);
        if (expected == ScanStatus.SPAM) {
            assertThat(v.score()).isEqualTo(100.0);
            assertThat(v.symbols()).extracting(s -> s.name()).containsOnly(GtubeCheck.GTUBE);
            assertThat(v.symbols()).extracting(s -> s.score()).containsOnly(100.0);
            assertThat(v.reasons()).anyMatch(r -> r.startsWith("GTUBE test string"));
        }
    }

    @ParameterizedTest(name = "{0}JS with test patterns {1} -> {2}")
    @CsvSource({"X, false, SPAM, 100", "X, true, SPAM, 100", "Y, false, NOT_SPAM, 0", "Y, true, PROBABLE_SPAM, 50",
            "Z, false, NOT_SPAM, 0", "Z, true, PROBABLE_SPAM, 50", "A, false, NOT_SPAM, 0", "A, true, NOT_SPAM, 0",
            "Q, true, NOT_SPAM, 0"})
    void honoursRspamdsVariantsOnlyInTestMode(char letter, boolean testPatterns, ScanStatus expected, double rating) {
        String body = "Hello\r\n" + letter + TestMessages.GTUBE.substring(1) + "\r\nbye";
        ModuleVerdict v = (testPatterns ? TEST_PATTERNS : PRODUCTION).verdict(TestMessages.plain("t", body));
        assertThat(v.status()).isEqualTo(expected);
        assertThat(v.score()).isEqualTo(rating);
        if (letter != 'X' && letter != 'Q') {
            assertThat(v.reasons()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"base64", "quoted-printable"})
    void matchesInEncodedTextParts(String encoding) {
        String encoded = encoding.equals("base64")
                ? java.util.Base64.getMimeEncoder().encodeToString(("Hi " + TestMessages.GTUBE).getBytes())
                : "Hi " + TestMessages.GTUBE.replace("=", "=3D");
        byte[] msg = TestMessages.multipart("t", "Content-Type: text/plain\r\nContent-Transfer-Encoding: " + encoding
                + "\r\n\r\n" + encoded + "\r\n");
        assertThat(PRODUCTION.verdict(msg).status()).isEqualTo(ScanStatus.SPAM);
    }

    @Test
    void doesNotMatchInHeaders() {
        assertThat(PRODUCTION.verdict(TestMessages.plain(TestMessages.GTUBE, "nothing here")).status())
                .isEqualTo(ScanStatus.NOT_SPAM);
    }

    @Test
    void anIncompleteViewWithoutGtubeIsNotScannedNotClean() {
        MessageView v = new MessageView(List.of(), List.of(), 10, List.of("part limit: test"));
        assertThat(PRODUCTION.verdict(v).status()).isEqualTo(ScanStatus.NOT_SCANNED);
    }
}
