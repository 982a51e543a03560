package io.bulwark.gateway.scan;

import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageViewParser;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GtubeAntiSpamTest {
    private static final Envelope ENV = new Envelope("a@example.net", List.of("b@corp.example"), "192.0.2.1", "mx");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"gtube.eml, SPAM", "gtubedcc.eml, SPAM", "gtubedcc_crlf.eml, SPAM", "not_gtube.eml, NOT_SPAM",
            "gtube_b64_oct.eml, NOT_SPAM"})
    void judgesSpamAssassinsSamplesAsSpamAssassinDoes(String file, ScanStatus expected) throws Exception {
        byte[] raw;
        try (InputStream in = getClass().getResourceAsStream("/corpora/gtube/" + file)) {
            raw = in.readAllBytes();
        }
        ModuleVerdict v = new GtubeAntiSpam(false).scan(new MessageViewParser().parse(raw), ENV);
        assertThat(v.status()).isEqualTo(expected);
        if (expected == ScanStatus.SPAM) {
            assertThat(v.score()).isEqualTo(1000.0);
            assertThat(v.reasons()).anyMatch(r -> r.startsWith("GTUBE test string"));
        }
    }

    @ParameterizedTest(name = "{0}JS with test patterns {1} -> {2}")
    @CsvSource({"X, false, SPAM", "X, true, SPAM", "Y, false, NOT_SPAM", "Y, true, PROBABLE_SPAM",
            "Z, false, NOT_SPAM", "Z, true, PROBABLE_SPAM", "A, false, NOT_SPAM", "A, true, NOT_SPAM",
            "Q, true, NOT_SPAM"})
    void honoursRspamdsVariantsOnlyInTestMode(char letter, boolean testPatterns, ScanStatus expected) throws Exception {
        String body = "Hello\r\n" + letter + TestMessages.GTUBE.substring(1) + "\r\nbye";
        ModuleVerdict v = new GtubeAntiSpam(testPatterns).scan(new MessageViewParser().parse(
                TestMessages.plain("t", body)), ENV);
        assertThat(v.status()).isEqualTo(expected);
        if (letter != 'X' && letter != 'Q') {
            assertThat(v.reasons()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"base64", "quoted-printable"})
    void matchesInEncodedTextParts(String encoding) throws Exception {
        String encoded = encoding.equals("base64")
                ? java.util.Base64.getMimeEncoder().encodeToString(("Hi " + TestMessages.GTUBE).getBytes())
                : "Hi " + TestMessages.GTUBE.replace("=", "=3D");
        byte[] msg = TestMessages.multipart("t", "Content-Type: text/plain\r\nContent-Transfer-Encoding: " + encoding
                + "\r\n\r\n" + encoded + "\r\n");
        assertThat(new GtubeAntiSpam(false).scan(new MessageViewParser().parse(msg), ENV).status())
                .isEqualTo(ScanStatus.SPAM);
    }

    @org.junit.jupiter.api.Test
    void doesNotMatchInHeaders() throws Exception {
        byte[] msg = TestMessages.plain(TestMessages.GTUBE, "nothing here");
        assertThat(new GtubeAntiSpam(false).scan(new MessageViewParser().parse(msg), ENV).status())
                .isEqualTo(ScanStatus.NOT_SPAM);
    }
}
