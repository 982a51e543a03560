package io.bulwark.scan.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The raw octets of the view: what DKIM and ARC hash must be exactly what was received. */
class MessageViewRawTest {
    private final MessageViewParser parser = new MessageViewParser();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(RawBytes raw) {
        return raw.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void duplicateHeaderFieldsAreKeptInTheOrderReceived() {
        MessageView v = parser.parse(bytes("Received: from a\r\nFrom: x@a.example\r\nReceived: from b\r\n"
                + "From: y@b.example\r\nSubject: s\r\n\r\nbody\r\n"));

        assertThat(v.headers()).extracting(HeaderField::name)
                .containsExactly("Received", "From", "Received", "From", "Subject");
        assertThat(v.headers("from")).extracting(HeaderField::value).containsExactly("x@a.example", "y@b.example");
        assertThat(v.headers("RECEIVED")).extracting(h -> text(h.raw()))
                .containsExactly("Received: from a\r\n", "Received: from b\r\n");
    }

    @Test
    void aFoldedFieldKeepsItsRawFoldingWhileTheValueIsUnfolded() {
        String dkim = "DKIM-Signature: v=1; a=rsa-sha256;\r\n\td=example.com; s=sel;\r\n  b=abc\r\n";
        MessageView v = parser.parse(bytes("From: a@example.com\r\n" + dkim + "To: b@example.net\r\n\r\nhi\r\n"));

        HeaderField field = v.headers("dkim-signature").getFirst();
        assertThat(text(field.raw())).isEqualTo(dkim);
        // RFC 5322 2.2.3: unfolding removes the CRLF only, the white space stays
        assertThat(field.value()).isEqualTo("v=1; a=rsa-sha256;\td=example.com; s=sel;  b=abc");
        assertThat(text(v.headers().get(2).raw())).isEqualTo("To: b@example.net\r\n");
    }

    @Test
    void encodedWordsAreDecodedInTheValueButNotInTheRawForm() {
        MessageView v = parser.parse(bytes("Subject: =?UTF-8?B?w7xiZXI=?=\r\n\r\nx"));

        assertThat(v.header("subject")).contains("über");
        assertThat(text(v.headers().getFirst().raw())).isEqualTo("Subject: =?UTF-8?B?w7xiZXI=?=\r\n");
    }

    @Test
    void theBodyIsEveryOctetAfterTheEmptyLineExactlyAsSent() {
        String body = "line one  \r\n\r\n.dot\r\n8bit \u00e9\u00ff\r\nno final newline";
        byte[] message = bytes("From: a@example.com\r\nSubject: s\r\n\r\n" + body);

        MessageView v = parser.parse(message);

        assertThat(v.rawBody().copy()).isEqualTo(bytes(body));
        assertThat(text(v.rawHeader())).isEqualTo("From: a@example.com\r\nSubject: s\r\n");
        assertThat(v.rawHeader().length() + 2 + v.rawBody().length()).isEqualTo(message.length);
    }

    @Test
    void aBase64BodyStaysEncodedInTheRawBody() {
        String body = "SGVsbG8=\r\n";
        MessageView v = parser.parse(bytes("Content-Transfer-Encoding: base64\r\n\r\n" + body));

        assertThat(text(v.rawBody())).isEqualTo(body);
        assertThat(new String(v.parts().getFirst().bytes(), StandardCharsets.US_ASCII)).isEqualTo("Hello");
    }

    @Test
    void aMessageWithoutEmptyLineIsAllHeaderAndNoBody() {
        MessageView v = parser.parse(bytes("From: a@example.com\r\nSubject: s\r\n"));

        assertThat(text(v.rawHeader())).isEqualTo("From: a@example.com\r\nSubject: s\r\n");
        assertThat(v.rawBody().isEmpty()).isTrue();
    }

    @Test
    void bareLineFeedsSplitTooAndStayAsTheyAre() {
        MessageView v = parser.parse(bytes("From: a@example.com\nX-Long: one\n two\n\nbody\n"));

        assertThat(text(v.headers("x-long").getFirst().raw())).isEqualTo("X-Long: one\n two\n");
        assertThat(text(v.rawBody())).isEqualTo("body\n");
    }

    @Test
    void aLineThatIsNoFieldDoesNotShiftTheRawFormsOfTheOthers() {
        MessageView v = parser.parse(bytes("From: a@example.com\r\ngarbage without colon\r\nTo: b@example.net\r\n"
                + "\r\nx"));

        assertThat(v.headers("to")).extracting(h -> text(h.raw())).containsExactly("To: b@example.net\r\n");
        assertThat(v.headers("from")).extracting(h -> text(h.raw())).containsExactly("From: a@example.com\r\n");
    }

    @Test
    void rawFormsAreReadOnlyWindowsNotCopies() {
        byte[] message = bytes("Subject: s\r\n\r\nbody");
        MessageView v = parser.parse(message);

        assertThat(v.rawBody().buffer().isReadOnly()).isTrue();
        message[message.length - 1] = 'Y'; // callers must not do this; it shows the window shares the array
        assertThat(text(v.rawBody())).isEqualTo("bodY");
    }

    @Test
    void anUnparseableMessageStillHasItsRawOctets() {
        MessageView v = new MessageViewParser(new MimeLimits(10, 5, 1000, 1))
                .parse(bytes("A: 1\r\nB: 2\r\nC: 3\r\n\r\nbody"));

        assertThat(text(v.rawBody())).isEqualTo("body");
    }

    @Test
    void fieldsWeWriteHaveNoRawForm() {
        assertThat(new HeaderField("X-Bulwark-AntiSpam", "CLEAN").raw()).isEqualTo(RawBytes.EMPTY);
    }
}
