package io.bulwark.scan.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.AttachmentDescription;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.MimeLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MessageInventoryTest {
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MZ = new byte[512];

    static {
        MZ[0] = 'M';
        MZ[1] = 'Z';
    }

    private static String message(String subjectLines, String... attachments) {
        StringBuilder m = new StringBuilder("From: a@sender.example\r\nTo: b@rcpt.example\r\n" + subjectLines
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nHello\r\n");
        for (String a : attachments) {
            m.append("--b\r\n").append(a);
        }
        return m.append("--b--\r\n").toString();
    }

    private static String attachment(String name, byte[] content) {
        return "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"" + name
                + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(content)
                + "\r\n";
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void describesEachAttachmentByDecodedNameRealTypeDecodedSizeAndSha256() throws Exception {
        MessageView view = new MessageViewParser().parse(message("Subject: Invoice\r\n",
                attachment("=?UTF-8?B?UmVjaG51bmcgw6Qu?=pdf", PDF), attachment("invoice.pdf", MZ))
                .getBytes(StandardCharsets.US_ASCII));

        MessageInventory.Contents contents = MessageInventory.of(view);

        assertThat(contents.attachments()).containsExactly(
                new AttachmentDescription("2", "Rechnung \u00e4.pdf", "application/pdf", PDF.length, sha256(PDF)),
                new AttachmentDescription("3", "invoice.pdf", "application/x-msdownload", MZ.length, sha256(MZ)));
        assertThat(contents.subject()).isEqualTo("Invoice");
    }

    @Test
    void decodesFoldedEncodedWordsInTheSubjectAndRemovesControlCharacters() {
        MessageView view = new MessageViewParser().parse(message(
                "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n =?ISO-8859-1?Q?_aus_K=F6ln?=\t\u0007 ok\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(MessageInventory.of(view).subject()).isEqualTo("Gr\u00fc\u00dfe aus K\u00f6ln ok");
        assertThat(MessageInventory.clean("a\u0000b\u0085c\u007fd\r\ne")).isEqualTo("a b c d e");
        assertThat(MessageInventory.clean(" \t ")).isNull();
    }

    @Test
    void capsTheSubjectWithoutSplittingACharacter() {
        String longSubject = "x".repeat(MessageScannedEvent.SUBJECT_MAX_LENGTH - 1) + "\uD83D\uDE00" + "tail";
        String cleaned = MessageInventory.clean(longSubject);

        assertThat(cleaned).hasSize(MessageScannedEvent.SUBJECT_MAX_LENGTH - 1).doesNotContain("\uD83D");
        assertThat(MessageInventory.clean("y".repeat(1000))).hasSize(MessageScannedEvent.SUBJECT_MAX_LENGTH);
    }

    @Test
    void aMessageWithoutSubjectOrAttachmentsHasNeither() {
        MessageView view = new MessageViewParser().parse(message("").getBytes(StandardCharsets.US_ASCII));

        assertThat(MessageInventory.of(view)).isEqualTo(MessageInventory.Contents.NONE);
    }

    @Test
    void theSubjectOfAnUnparsedMessageIsReadFromTheRawHeaderSection() {
        byte[] raw = message("Subject: =?UTF-8?B?w6TDtsO8?=\r\n", attachment("a.pdf", PDF))
                .getBytes(StandardCharsets.US_ASCII);

        MessageInventory.Contents contents = MessageInventory.subjectOnly(raw);

        assertThat(contents.subject()).isEqualTo("\u00e4\u00f6\u00fc");
        assertThat(contents.attachments()).isEmpty();
    }

    @Test
    void aPartCutAtTheDecodingLimitGetsNoHash() {
        MimeLimits small = new MimeLimits(MimeLimits.defaults().maxParts(), MimeLimits.defaults().maxDepth(), 100,
                MimeLimits.defaults().maxHeaderFields());
        MessageView view = new MessageViewParser(small).parse(message("Subject: big\r\n",
                attachment("big.bin", new byte[4096])).getBytes(StandardCharsets.US_ASCII));

        assertThat(MessageInventory.of(view).attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("big.bin");
            assertThat(a.sha256()).isNull();
        });
    }

    @Test
    void describesAtMostAHundredAttachments() {
        String[] many = new String[MessageInventory.MAX_ATTACHMENTS + 5];
        for (int i = 0; i < many.length; i++) {
            many[i] = attachment("f" + i + ".txt", ("file " + i).getBytes(StandardCharsets.US_ASCII));
        }
        MessageView view = new MessageViewParser().parse(message("", many).getBytes(StandardCharsets.US_ASCII));

        assertThat(MessageInventory.of(view).attachments()).hasSize(MessageInventory.MAX_ATTACHMENTS);
    }
}
