package io.bulwark.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictDataInputStreamTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "simple               | a\\r\\n.\\r\\nQUIT\\r\\n        | a\\r\\n",
            "unstuffs leading dot | ..a\\r\\n.b\\r\\n.\\r\\n          | .a\\r\\nb\\r\\n",
            "LF.LF is content     | a\\n.\\nb\\r\\n.\\r\\n            | a\\r\\n.\\r\\nb\\r\\n",
            "CR.CR is content     | a\\r.\\rb\\r\\n.\\r\\n            | a . b\\r\\n",
            "LF.CRLF is content   | a\\n.\\r\\nb\\r\\n.\\r\\n          | a\\r\\n.\\r\\nb\\r\\n",
            "CRLF.LF is content   | a\\r\\n.\\nb\\r\\n.\\r\\n          | a\\r\\n.\\r\\nb\\r\\n",
            "NUL before the dot   | a\\r\\n\\u0000.\\r\\nb\\r\\n.\\r\\n  | a\\r\\n.\\r\\nb\\r\\n",
            "CR in a header       | S: a\\rBcc: x\\r\\n.\\r\\n             | S: a Bcc: x\\r\\n",
            "empty message        | .\\r\\n                            | ''",
    })
    void endsOnlyAtCrLfDotCrLf(String name, String wire, String content) throws Exception {
        SessionInputStream raw = session(bytes(wire));
        StrictDataInputStream data = new StrictDataInputStream(raw, BareNewlinePolicy.NORMALIZE);
        assertThat(new String(data.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(unescape(content));
        String rest = new String(raw.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(unescape(wire)).endsWith(rest);
    }

    @Test
    void leavesPipelinedCommandsUnread() throws Exception {
        SessionInputStream raw = session(bytes("x\\r\\n.\\r\\nQUIT\\r\\n"));
        new StrictDataInputStream(raw, BareNewlinePolicy.NORMALIZE).readAllBytes();
        assertThat(new String(raw.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("QUIT\r\n");
    }

    @Test
    void aClosedConnectionBeforeTheTerminatorIsAnError() {
        StrictDataInputStream data = new StrictDataInputStream(session(bytes("a\\n.\\n")),
                BareNewlinePolicy.NORMALIZE);
        assertThatThrownBy(data::readAllBytes).isInstanceOf(EOFException.class);
    }

    private static byte[] bytes(String escaped) {
        return unescape(escaped).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\0");
    }

    @Test
    void readingInBulkGivesWhatReadingByteByByteGivesAndLeavesThePipelinedCommandUnread() throws Exception {
        // the bulk path (readPlain) against the byte-at-a-time path as the reference, over small
        // buffers so that lines straddle refills and marks; the bulk side's buffer is also widened
        // at the content and narrowed at the dot, as a session's is, with the DATA line read first
        char[] alphabet = {'\r', '\n', '.', '\0', 'A', 'b', ' '};
        java.util.Random random = new java.util.Random(20261205L);
        for (int run = 0; run < 3000; run++) {
            StringBuilder content = new StringBuilder();
            int length = random.nextInt(300);
            for (int i = 0; i < length; i++) {
                content.append(alphabet[random.nextInt(alphabet.length)]);
            }
            byte[] wire = ("DATA\r\n" + content + "\r\n.\r\nQUIT\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            int bufferSize = 1 + random.nextInt(64);

            SessionInputStream slowRaw = new SessionInputStream(new ByteArrayInputStream(wire), bufferSize);
            assertThat(new CommandLineReader(slowRaw, 512).read().text()).isEqualTo("DATA");
            StrictDataInputStream slow = new StrictDataInputStream(slowRaw, BareNewlinePolicy.NORMALIZE);
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            for (int b; (b = slow.read()) >= 0; ) {
                expected.write(b);
            }

            byte[] left = slowRaw.readAllBytes();
            int chunkSize = 1 + random.nextInt(100);
            SessionInputStream bulkRaw = new SessionInputStream(new ByteArrayInputStream(wire), bufferSize,
                    bufferSize * (1 + random.nextInt(4)));
            assertThat(new CommandLineReader(bulkRaw, 512).read().text()).isEqualTo("DATA");
            StrictDataInputStream bulk = new StrictDataInputStream(bulkRaw, BareNewlinePolicy.NORMALIZE);
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[chunkSize];
            for (int n; (n = bulk.read(chunk, 0, chunk.length)) >= 0; ) {
                got.write(chunk, 0, n);
            }
            assertThat(got.toByteArray()).as("run %d, buffer %d", run, bufferSize).isEqualTo(expected.toByteArray());
            // the content may hold a terminator of its own: what is left must be the same either way
            assertThat(bulkRaw.readAllBytes()).as("left unread, run %d", run).isEqualTo(left);
        }
    }

    private static SessionInputStream session(byte[] wire) {
        return new SessionInputStream(new ByteArrayInputStream(wire), 8192);
    }

    @Test
    void theSessionStreamStopsAtTheFirstLineEndOrNulAndTakesNothingPastIt() throws Exception {
        SessionInputStream in = new SessionInputStream(new ByteArrayInputStream(bytes("abc\r\ndef\u0000gh")), 64);
        byte[] into = new byte[16];
        assertThat(in.readPlain(into, 0, 16)).as("nothing buffered yet: never fills").isZero();
        assertThat(in.read()).isEqualTo('a'); // the byte path fills the buffer
        assertThat(in.readPlain(into, 0, 16)).isEqualTo(2);
        assertThat(new String(into, 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("bc");
        assertThat(in.readPlain(into, 0, 16)).as("at CR").isZero();
        assertThat(in.read()).isEqualTo('\r');
        assertThat(in.read()).isEqualTo('\n');
        assertThat(in.readPlain(into, 0, 2)).as("capped by length").isEqualTo(2);
        assertThat(in.readPlain(into, 2, 16)).isEqualTo(1);
        assertThat(new String(into, 0, 3, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("def");
        assertThat(in.readPlain(into, 0, 16)).as("at NUL").isZero();
        assertThat(in.read()).isZero();
        assertThat(in.readPlain(into, 0, 16)).isEqualTo(2);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aDataReadNeverAsksTheSocketHowMuchItHolds() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            wire.append("line ").append(i).append(" of a message body\r\n");
        }
        String body = wire.toString();
        java.io.InputStream socket = new java.io.FilterInputStream(new ByteArrayInputStream(bytes(body + ".\r\nQUIT\r\n"))) {
            @Override
            public int available() throws java.io.IOException {
                asked.incrementAndGet(); // a system call on a real socket
                return super.available();
            }
        };
        SessionInputStream session = new SessionInputStream(socket, 512);
        byte[] read = new StrictDataInputStream(session, BareNewlinePolicy.REJECT).readAllBytes();

        assertThat(new String(read, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(body);
        assertThat(asked).hasValue(0);
        assertThat(session.buffered()).as("what follows the terminator stays buffered").isEqualTo("QUIT\r\n".length());
    }

    @Test
    void theSessionBufferIsWideOnlyWhileTheContentIsReadAndKeepsWhatItHolds() throws Exception {
        StringBuilder wire = new StringBuilder("MAIL FROM:<a@example.com>\r\nDATA\r\n");
        for (int i = 0; i < 300; i++) {
            wire.append("line ").append(i).append(" of a message body\r\n");
        }
        String body = wire.substring(wire.indexOf("DATA\r\n") + 6);
        SessionInputStream session = new SessionInputStream(
                new ByteArrayInputStream(bytes(wire + ".\r\nQUIT\r\n")), 64, 4096);
        CommandLineReader commands = new CommandLineReader(session, 512);
        assertThat(commands.read().text()).isEqualTo("MAIL FROM:<a@example.com>");
        assertThat(commands.read().text()).isEqualTo("DATA");
        int heldBefore = session.buffered();

        StrictDataInputStream data = new StrictDataInputStream(session, BareNewlinePolicy.REJECT);
        assertThat(session.capacity()).as("nothing widened before the content is read").isEqualTo(64);
        assertThat(heldBefore).as("the small buffer already holds the start of the content").isPositive();
        int first = data.read();
        assertThat(session.capacity()).as("wide while the content is read").isEqualTo(4096);
        byte[] rest = data.readAllBytes();

        assertThat(session.capacity()).as("small again after the final dot").isEqualTo(64);
        assertThat((char) first + new String(rest, StandardCharsets.ISO_8859_1)).isEqualTo(body);
        assertThat(commands.read().text()).as("the pipelined command after the dot").isEqualTo("QUIT");
    }

    @Test
    void narrowingKeepsTheWideBufferWhileMoreIsUnreadThanTheSmallOneHolds() throws Exception {
        String body = "a line of the message\r\n".repeat(5); // past the small buffer: read into the wide one
        String pipelined = "RSET\r\n".repeat(20); // 120 bytes after the dot, more than 64
        SessionInputStream session = new SessionInputStream(
                new ByteArrayInputStream(bytes("DATA\r\n" + body + ".\r\n" + pipelined)), 64, 4096);
        CommandLineReader commands = new CommandLineReader(session, 512);
        assertThat(commands.read().text()).isEqualTo("DATA");

        byte[] content = new StrictDataInputStream(session, BareNewlinePolicy.REJECT).readAllBytes();

        assertThat(new String(content, StandardCharsets.ISO_8859_1)).isEqualTo(body);
        assertThat(session.capacity()).isEqualTo(4096);
        for (int i = 0; i < 20; i++) {
            assertThat(commands.read().text()).isEqualTo("RSET");
        }
    }

    @Test
    void wideningKeepsAMarkAndItsBytes() throws Exception {
        SessionInputStream session = new SessionInputStream(new ByteArrayInputStream(bytes("abcdefgh")), 4, 16);
        assertThat(session.read()).isEqualTo('a');
        session.mark(8);
        assertThat(session.read()).isEqualTo('b');

        session.widen();
        session.reset();

        assertThat(session.capacity()).isEqualTo(16);
        assertThat(new String(session.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("bcdefgh");
    }

    @Test
    void aClosedStreamIsNotWidened() throws Exception {
        SessionInputStream session = new SessionInputStream(new ByteArrayInputStream(bytes("abc")), 4, 16);
        session.close();

        session.widen();

        assertThat(session.capacity()).isZero();
        assertThatThrownBy(session::read).isInstanceOf(java.io.IOException.class);
    }
}
