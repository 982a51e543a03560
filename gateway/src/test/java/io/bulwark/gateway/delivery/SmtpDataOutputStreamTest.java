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

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
