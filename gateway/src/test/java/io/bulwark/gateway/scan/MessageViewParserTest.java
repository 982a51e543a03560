package io.bulwark.gateway.scan;

import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.MimeLimits;
import io.bulwark.scan.testing.TestMessages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageViewParserTest {
    private final MessageViewParser parser = new MessageViewParser();

    @Test
    void numbersTheBodyOfASinglePartMessageAsPartOne() {
        MessageView v = parser.parse(TestMessages.plain("Hi", "hello"));
        assertThat(v.parts()).extracting(MessagePart::path).containsExactly("1");
        assertThat(v.parts().get(0).contentType()).isEqualTo("text/plain");
        assertThat(v.header("subject")).contains("Hi");
        assertThat(v.problems()).isEmpty();
    }

    @Test
    void decodesBase64AttachmentsAndKeepsTheirNames() {
        MessageView v = parser.parse(TestMessages.withAttachment("x", "report.pdf", "%PDF-1.4 data".getBytes()));
        assertThat(v.parts()).extracting(MessagePart::path).containsExactly("1", "2");
        MessagePart att = v.parts().get(1);
        assertThat(att.filename()).isEqualTo("report.pdf");
        assertThat(att.attachment()).isTrue();
        assertThat(new String(att.bytes(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 data");
    }

    @Test
    void decodesQuotedPrintableAndRfc2231AndEncodedWordNames() {
        byte[] msg = TestMessages.multipart("x",
                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe=\r\n!\r\n",
                "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.doc\r\n\r\nAAEC\r\n",
                "Content-Type: application/octet-stream; name=\"=?UTF-8?B?w7xiZXIudHh0?=\"\r\n\r\ndata\r\n");
        MessageView v = parser.parse(msg);
        assertThat(new String(v.parts().get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo("Grüße!");
        assertThat(v.parts().get(1).filename()).isEqualTo("résumé.doc");
        assertThat(v.parts().get(2).filename()).isEqualTo("über.txt");
    }

    @Test
    void numbersNestedMultipartsAndAttachedMessages() {
        String inner = "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                + "--alt\r\nContent-Type: text/plain\r\n\r\nplain\r\n--alt\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--alt--\r\n";
        String attached = "Content-Type: message/rfc822\r\n\r\n" + "Subject: inner\r\nContent-Type: multipart/mixed; boundary=\"in\"\r\n\r\n"
                + "--in\r\nContent-Type: text/plain\r\n\r\ninner text\r\n--in\r\nContent-Type: application/zip; name=a.zip\r\n\r\nPK\r\n--in--\r\n";
        MessageView v = parser.parse(TestMessages.multipart("x", inner, attached));
        assertThat(v.parts()).extracting(MessagePart::path).containsExactly("1.1", "1.2", "2.1", "2.2");
        assertThat(v.parts().get(1).contentType()).isEqualTo("text/html");
        assertThat(v.parts().get(3).filename()).isEqualTo("a.zip");
    }

    @Test
    void tooDeepNestingIsAProblemNotACrash() {
        StringBuilder sb = new StringBuilder(TestMessages.headers("deep"));
        int depth = 50;
        for (int i = 0; i < depth; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=\"d" + i + "\"\r\n\r\n--d" + i + "\r\n");
        }
        sb.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            sb.append("--d" + i + "--\r\n");
        }
        MessageView v = new MessageViewParser(new MimeLimits(100, 10, 1_000_000, 1000))
                .parse(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(v.problems()).anyMatch(p -> p.startsWith("nesting limit"));
        assertThat(v.parts()).isEmpty();
    }

    @Test
    void tooManyPartsIsAProblem() {
        String[] parts = new String[20];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = TestMessages.textPart("part " + i + "\r\n");
        }
        MessageView v = new MessageViewParser(new MimeLimits(5, 10, 1_000_000, 1000))
                .parse(TestMessages.multipart("many", parts));
        assertThat(v.parts()).hasSize(5);
        assertThat(v.problems()).anyMatch(p -> p.startsWith("part limit"));
    }

    @Test
    void decodedBytesBeyondTheLimitAreCutAndReported() {
        MessageView v = new MessageViewParser(new MimeLimits(10, 10, 100, 1000))
                .parse(TestMessages.withAttachment("big", "big.bin", new byte[1000]));
        assertThat(v.parts().get(1).truncated()).isTrue();
        assertThat(v.parts().stream().mapToInt(MessagePart::size).sum()).isLessThanOrEqualTo(100);
        assertThat(v.problems()).anyMatch(p -> p.startsWith("decoded size limit"));
    }

    @Test
    void garbageIsParsedLenientlyIntoOnePart() {
        byte[] junk = new byte[300];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 7);
        }
        MessageView v = parser.parse(junk);
        assertThat(v.parts()).isNotEmpty();
    }
}
