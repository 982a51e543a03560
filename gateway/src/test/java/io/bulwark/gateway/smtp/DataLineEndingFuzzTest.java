package io.bulwark.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.gateway.delivery.SmtpDataOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * CASES.md section 3, last paragraph: random content over {CR, LF, '.', NUL, 'A'} through the
 * receiving normaliser and the relaying encoder. Invariants: the relayed stream has exactly one
 * end of data, at its end, and no bare CR or LF; and a receiver parsing it gets back exactly what
 * we stored (our view of the body equals the next hop's).
 */
class DataLineEndingFuzzTest {
    private static final char[] ALPHABET = {'\r', '\n', '.', '\0', 'A'};

    @Test
    void normaliseThenRelayAlwaysYieldsOneMessageThatTheNextHopReadsAsWeStoredIt() throws Exception {
        Random random = new Random(20231218L);
        for (int run = 0; run < 5000; run++) {
            StringBuilder content = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                content.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            byte[] wireIn = (content + "\r\n.\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] stored = new StrictDataInputStream(new SessionInputStream(new ByteArrayInputStream(wireIn), 8192),
                    BareNewlinePolicy.NORMALIZE).readAllBytes();

            ByteArrayOutputStream relayed = new ByteArrayOutputStream();
            SmtpDataOutputStream out = new SmtpDataOutputStream(relayed);
            out.write(stored);
            out.finish();
            String wire = relayed.toString(StandardCharsets.ISO_8859_1);

            assertThat(wire.indexOf("\r\n.\r\n") == wire.length() - 5 || wire.equals(".\r\n"))
                    .as("one end of data in %s", escape(wire)).isTrue();
            assertThat(bare(wire)).as("bare CR/LF in %s", escape(wire)).isFalse();
            assertThat(wire).doesNotContain("\0");
            byte[] reparsed = new StrictDataInputStream(new SessionInputStream(new ByteArrayInputStream(
                    relayed.toByteArray()), 8192), BareNewlinePolicy.REJECT).readAllBytes();
            String expected = new String(stored, StandardCharsets.ISO_8859_1);
            if (!expected.isEmpty() && !expected.endsWith("\r\n")) {
                expected += "\r\n"; // the encoder ends the last line, as RFC 5321 requires
            }
            assertThat(new String(reparsed, StandardCharsets.ISO_8859_1)).as("input %s", escape(content.toString()))
                    .isEqualTo(expected);
        }
    }

    private static boolean bare(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))
                    || (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r'))) {
                return true;
            }
        }
        return false;
    }

    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
