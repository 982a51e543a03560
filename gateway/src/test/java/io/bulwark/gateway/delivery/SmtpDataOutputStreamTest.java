package io.bulwark.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmtpDataOutputStreamTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "plain CRLF           | a\\r\\nb\\r\\n        | a\\r\\nb\\r\\n.\\r\\n",
            "missing final CRLF   | a\\r\\nb              | a\\r\\nb\\r\\n.\\r\\n",
            "leading dot stuffed  | .a\\r\\n..b\\r\\n      | ..a\\r\\n...b\\r\\n.\\r\\n",
            "bare LF normalised   | a\\nb\\n              | a\\r\\nb\\r\\n.\\r\\n",
            "bare CR normalised   | a\\rb\\r              | a\\r\\nb\\r\\n.\\r\\n",
            "smuggled LF.LF       | a\\n.\\nMAIL          | a\\r\\n..\\r\\nMAIL\\r\\n.\\r\\n",
            "smuggled CR.CR       | a\\r.\\rX\\r\\n        | a\\r\\n..\\r\\nX\\r\\n.\\r\\n",
            "dot mid-line intact  | a.b\\r\\n              | a.b\\r\\n.\\r\\n",
            "empty content        | ''                      | .\\r\\n",
    })
    void producesCanonicalDotStuffedData(String name, String input, String expected) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SmtpDataOutputStream out = new SmtpDataOutputStream(sink);
        out.write(unescape(input).getBytes(StandardCharsets.ISO_8859_1));
        out.finish();
        assertThat(sink.toString(StandardCharsets.ISO_8859_1)).isEqualTo(unescape(expected));
    }

    @org.junit.jupiter.api.Test
    void bulkWritesInAnySlicesEncodeExactlyLikeSingleBytes() throws Exception {
        java.util.Random random = new java.util.Random(20261128);
        byte[] alphabet = {'a', '.', '\r', '\n', 'b', 0, ' ', '.'};
        for (int round = 0; round < 2000; round++) {
            byte[] input = new byte[random.nextInt(60)];
            for (int i = 0; i < input.length; i++) {
                input[i] = alphabet[random.nextInt(alphabet.length)];
            }
            java.io.ByteArrayOutputStream single = new java.io.ByteArrayOutputStream();
            SmtpDataOutputStream one = new SmtpDataOutputStream(single);
            for (byte b : input) {
                one.write(b);
            }
            one.finish();
            java.io.ByteArrayOutputStream bulk = new java.io.ByteArrayOutputStream();
            SmtpDataOutputStream many = new SmtpDataOutputStream(bulk);
            int at = 0;
            while (at < input.length) {
                int n = 1 + random.nextInt(input.length - at);
                many.write(input, at, n);
                at += n;
            }
            many.finish();
            org.assertj.core.api.Assertions.assertThat(bulk.toByteArray()).as("round %d", round)
                    .isEqualTo(single.toByteArray());
        }
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
