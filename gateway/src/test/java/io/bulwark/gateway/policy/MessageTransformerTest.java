package io.bulwark.gateway.policy;

import io.bulwark.scan.policy.Disposition;
import io.bulwark.scan.policy.PartRemoval;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.Action;
import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.testing.TestMessages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTransformerTest {
    private final MessageTransformer transformer = new MessageTransformer();
    private final MessageViewParser parser = new MessageViewParser();

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "Quarterly report | [Spam] | [Spam] Quarterly report",
            "Quarterly report | [Spam],[Phishing] | [Spam] [Phishing] Quarterly report",
            "[Spam] Quarterly report | [Spam] | [Spam] Quarterly report",
            "=?UTF-8?B?R3LDvMOfZQ==?= | [Spam] | [Spam] Grüße",
            "=?ISO-8859-1?Q?Caf=E9?= und mehr | [Infected] | [Infected] Café und mehr",
            "'' | [Spam] | [Spam]"})
    void putsTagsInFrontOfTheDecodedSubject(String subject, String tags, String expected) {
        byte[] out = MessageTransformer.addSubjectTags(TestMessages.plain(subject, "body"), List.of(tags.split(",")));
        MessageView v = parser.parse(out);
        assertThat(v.header("Subject")).contains(expected);
        assertThat(s(out)).endsWith("\r\n\r\nbody\r\n");
        assertThat(s(out)).doesNotContain("Grüße").doesNotContain("Café"); // non-ASCII goes out as encoded words
    }

    @Test
    void aMessageWithoutSubjectGetsOneAtTheEndOfTheHeader() {
        byte[] in = TestMessages.plain(null, "body");
        byte[] out = MessageTransformer.addSubjectTags(in, List.of("[Spam]"));
        assertThat(parser.parse(out).header("Subject")).contains("[Spam]");
        assertThat(s(out)).contains("Content-Type: text/plain; charset=us-ascii\r\nSubject: [Spam]\r\n\r\nbody");
    }

    @Test
    void aFoldedSubjectIsReplacedWholeAndOtherBytesStay() {
        String raw = "From: a@example.net\r\nSubject: a long\r\n  folded subject\r\nTo: b@corp.example\r\n\r\nbody\r\n";
        byte[] out = MessageTransformer.addSubjectTags(raw.getBytes(StandardCharsets.US_ASCII), List.of("[Spam]"));
        assertThat(s(out)).isEqualTo("From: a@example.net\r\nSubject: [Spam] a long  folded subject\r\nTo: b@corp.example\r\n\r\nbody\r\n");
    }

    @Test
    void addsHeadersOnTopAndDropsForgedOnes() {
        String raw = "From: a@example.net\r\nX-Bulwark-AntiVirus: CLEAN\r\nSubject: hi\r\nx-bulwark-antivirus: CLEAN\r\n\tfolded\r\n\r\nbody\r\n";
        byte[] out = MessageTransformer.addHeaders(raw.getBytes(StandardCharsets.US_ASCII),
                List.of(new HeaderField("X-Bulwark-AntiVirus", "INFECTED"), new HeaderField("X-Bulwark-AntiSpam", "SPAM\r\nBcc: injected")));
        assertThat(s(out)).isEqualTo("X-Bulwark-AntiVirus: INFECTED\r\nX-Bulwark-AntiSpam: SPAM Bcc: injected\r\n"
                + "From: a@example.net\r\nSubject: hi\r\n\r\nbody\r\n");
    }

    @Test
    void dropsForgedFieldsFirstAndLastInTheHeaderAndInAMessageWithoutBody() {
        List<HeaderField> ours = List.of(new HeaderField("X-Bulwark-AntiVirus", "INFECTED"));
        String withBody = "X-Bulwark-AntiVirus: CLEAN\r\nFrom: a@example.net\r\nX-BULWARK-ANTIVIRUS: x\r\n y\r\n\r\nbody\r\n";
        assertThat(s(MessageTransformer.addHeaders(withBody.getBytes(StandardCharsets.US_ASCII), ours)))
                .isEqualTo("X-Bulwark-AntiVirus: INFECTED\r\nFrom: a@example.net\r\n\r\nbody\r\n");
        String headerOnly = "From: a@example.net\r\nX-Bulwark-AntiVirus: CLEAN";
        assertThat(s(MessageTransformer.addHeaders(headerOnly.getBytes(StandardCharsets.US_ASCII), ours)))
                .isEqualTo("X-Bulwark-AntiVirus: INFECTED\r\nFrom: a@example.net\r\n");
    }

    @Test
    void keepsLfOnlyLineEndsWhenTheMessageUsesThem() {
        byte[] out = MessageTransformer.addHeaders("Subject: x\n\nbody\n".getBytes(StandardCharsets.US_ASCII),
                List.of(new HeaderField("X-A", "1")));
        assertThat(s(out)).isEqualTo("X-A: 1\nSubject: x\n\nbody\n");
    }

    @Test
    void replacesAnAttachmentWithTheNoticeAndLeavesTheRestByteIdentical() {
        String keptText = TestMessages.textPart("Hello,\r\nsee attached.\r\n");
        String keptPdf = TestMessages.base64Part("report.pdf", "%PDF-1.4 harmless".getBytes());
        byte[] in = TestMessages.multipart("Invoice", keptText, TestMessages.base64Part("eicar.com", TestMessages.eicar()), keptPdf);
        byte[] out = transformer.replaceParts(in, List.of(new PartRemoval("2", "ANTI_VIRUS INFECTED: EICAR test file in part 2 (eicar.com)")));

        String o = s(out);
        String original = s(in);
        // the header block, the preamble and the two untouched parts are the original bytes
        assertThat(o).startsWith(original.substring(0, original.indexOf("--" + TestMessages.BOUNDARY)));
        assertThat(o).contains("--" + TestMessages.BOUNDARY + "\r\n" + keptText);
        assertThat(o).contains("--" + TestMessages.BOUNDARY + "\r\n" + keptPdf);
        assertThat(o).doesNotContain(java.util.Base64.getMimeEncoder().encodeToString(TestMessages.eicar()));

        MessageView v = parser.parse(out);
        assertThat(v.parts()).extracting(MessagePart::path).containsExactly("1", "2", "3");
        MessagePart notice = v.parts().get(1);
        assertThat(notice.contentType()).isEqualTo("text/plain");
        assertThat(notice.filename()).isEqualTo("eicar.com.removed.txt");
        assertThat(s(notice.bytes())).contains("The attachment eicar.com was removed")
                .contains("Reason: ANTI_VIRUS INFECTED: EICAR test file in part 2 (eicar.com)");
        assertThat(v.parts().get(2).filename()).isEqualTo("report.pdf");
    }

    @Test
    void anUntouchedMessageRoundTripsByteForByte() {
        byte[] in = TestMessages.withAttachment("x", "a.bin", new byte[] {1, 2, 3});
        assertThat(transformer.replaceParts(in, List.of(new PartRemoval("9", "none")))).isEqualTo(in);
        assertThat(transformer.apply(in, new Disposition("r", "R", Action.SKIP, List.of(), List.of(), false, List.of(), List.of())))
                .isEqualTo(in);
    }

    @Test
    void replacesTheBodyOfASinglePartMessage() {
        byte[] in = TestMessages.plain("t", TestMessages.EICAR);
        byte[] out = transformer.replaceParts(in, List.of(new PartRemoval("1", "ANTI_VIRUS INFECTED")));
        MessageView v = parser.parse(out);
        assertThat(v.parts()).hasSize(1);
        assertThat(s(v.parts().get(0).bytes())).contains("The attachment (no name) was removed").doesNotContain("EICAR-STANDARD");
        assertThat(v.header("Subject")).contains("t");
    }

    @Test
    void rendersAnEditedTemplateWithNonAsciiNames() {
        MessageTransformer custom = new MessageTransformer(new RemovalNoticeTemplate(
                "Datei %FILE_NAME% entfernt (Teil %PART%): %REASON%\n"), io.bulwark.scan.message.MimeLimits.defaults());
        byte[] in = TestMessages.multipart("t", TestMessages.textPart("hi"),
                "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.exe\r\n\r\nAAEC\r\n");
        MessageView v = parser.parse(custom.replaceParts(in, List.of(new PartRemoval("2", "CONTENT_FILTERING FORBIDDEN_TYPE"))));
        assertThat(s(v.parts().get(1).bytes())).isEqualTo("Datei résumé.exe entfernt (Teil 2): CONTENT_FILTERING FORBIDDEN_TYPE\r\n");
    }

    @Test
    void appliesAWholeDisposition() {
        byte[] in = TestMessages.withAttachment("Invoice", "eicar.com", TestMessages.eicar());
        Disposition d = new Disposition("default", "Default", Action.DELETE_ATTACHMENT, List.of("[Infected]"),
                List.of(new HeaderField("X-Bulwark-AntiVirus", "INFECTED")), true,
                List.of(new PartRemoval("2", "ANTI_VIRUS INFECTED")), List.of());
        MessageView v = parser.parse(transformer.apply(in, d));
        assertThat(v.header("Subject")).contains("[Infected] Invoice");
        assertThat(v.header("X-Bulwark-AntiVirus")).contains("INFECTED");
        assertThat(v.parts().get(1).filename()).isEqualTo("eicar.com.removed.txt");
    }
}
