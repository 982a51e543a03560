package io.bulwark.gateway.mta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.gateway.support.CaptureSink;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMTP smuggling (CVE-2023-51764/51765/51766) over real sockets, with the payloads of
 * {@code src/test/resources/smtp-smuggling/CASES.md}: every end-of-data candidate is sent as one
 * pipelined write after DATA, to a gateway in each bare-newline mode, and every message relayed is
 * captured by a deliberately lenient next hop that would split a smuggled second message off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpSmugglingTest {
    /** The smuggled block S of CASES.md. */
    static final String S = "MAIL FROM:<spoof@victim.example>\r\n"
            + "RCPT TO:<target@gateway.test>\r\n"
            + "DATA\r\n"
            + "From: ceo@victim.example\r\n"
            + "Subject: SMUGGLED\r\n"
            + "\r\n"
            + "smuggled body\r\n"
            + ".\r\n";

    Path normalizingData;
    Path rejectingData;
    CaptureSink capture;
    TestGateway normalizing;
    TestGateway rejecting;

    @BeforeAll
    void start() throws IOException {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
        normalizingData = Files.createTempDirectory("bulwark-smuggling-");
        rejectingData = Files.createTempDirectory("bulwark-smuggling-");
        capture = new CaptureSink();
        String[] common = {
                "bulwark.routing.relay-domains=gateway.test",
                "bulwark.routing.transport-map.gateway.test=[127.0.0.1]:" + capture.port(),
                "bulwark.smtp.tls=off"};
        normalizing = TestGateway.start(normalizingData, common);
        rejecting = TestGateway.start(rejectingData, Stream.concat(Stream.of(common),
                Stream.of("bulwark.smtp.bare-newline=reject")).toArray(String[]::new));
    }

    @AfterAll
    void stop() throws Exception {
        normalizing.close();
        rejecting.close();
        capture.close();
        org.springframework.util.FileSystemUtils.deleteRecursively(normalizingData);
        org.springframework.util.FileSystemUtils.deleteRecursively(rejectingData);
    }

    static Stream<Arguments> candidates() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (BufferedReader tsv = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                SmtpSmugglingTest.class.getResourceAsStream("/smtp-smuggling/candidates.tsv")),
                StandardCharsets.UTF_8))) {
            tsv.readLine();
            String line;
            while ((line = tsv.readLine()) != null) {
                String[] columns = line.split("\t");
                cases.add(Arguments.of(columns[0], unescape(columns[1]), columns[2]));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> fakeEnds() throws IOException {
        return candidates().filter(a -> !a.get()[0].equals("SM-16"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("fakeEnds")
    void normalizeQueuesOneMessageAndRelaysItWithExactlyOneEndOfData(String id, String candidate, String probe)
            throws Exception {
        List<String> replies = inject(normalizing, id, candidate);

        assertThat(replies.getFirst()).startsWith("250 2.0.0 Ok: queued as");
        assertThat(replies.subList(1, replies.size())).noneMatch(SmtpSmugglingTest::acceptsACommandOfS);
        byte[] block = await().until(() -> captured(id), Optional::isPresent).orElseThrow();
        String wire = new String(block, StandardCharsets.ISO_8859_1);
        assertThat(wire.indexOf("\r\n.\r\n")).as("one end of data, at the very end").isEqualTo(wire.length() - 5);
        assertThat(hasBareCrOrLf(wire)).as("no bare CR or LF on the wire").isFalse();
        for (String line : wire.substring(0, wire.length() - 3).split("\r\n")) {
            assertThat(line.startsWith(".") ? line.startsWith("..") : true).as("dot-stuffed: " + line).isTrue();
        }
        assertThat(headerSection(wire)).contains("Subject: carrier " + id).doesNotContain("SMUGGLED");
        assertThat(wire).contains("Subject: SMUGGLED"); // S travelled as content of the one message
        assertThat(capture.commands()).noneMatch(c -> c.contains("spoof@victim.example"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("fakeEnds")
    void rejectRefusesBareLineEndingsAndNeverQueuesTheSmuggledMessage(String id, String candidate, String probe)
            throws Exception {
        int before = rejecting.events().payloads(MessageReceivedEvent.class).size();
        List<String> replies = inject(rejecting, id, candidate);

        boolean bare = hasBareCrOrLf(candidate) || candidate.indexOf('\0') >= 0;
        if (bare) {
            assertThat(replies).hasSize(1);
            assertThat(replies.getFirst()).startsWith("550 5.5.2 Error: bare <");
            assertThat(rejecting.events().payloads(MessageReceivedEvent.class)).hasSize(before);
        } else {
            assertThat(replies.getFirst()).startsWith("250 2.0.0 Ok: queued as");
            assertThat(rejecting.events().payloads(MessageReceivedEvent.class)).hasSize(before + 1);
        }
        assertThat(replies.subList(1, replies.size())).noneMatch(SmtpSmugglingTest::acceptsACommandOfS);
    }

    @Test
    void controlTheRealEndOfDataEndsTheMessageAndWhatFollowsIsReadAsCommands() throws Exception {
        List<String> replies = inject(normalizing, "SM-16", "\r\n.\r\n");
        // Proves the harness: S is parsed as commands. Its DATA arrives with the content pipelined
        // behind it (RFC 2920 forbids that), so it is refused as unauthorised pipelining.
        assertThat(replies).hasSize(4);
        assertThat(replies.get(0)).startsWith("250 2.0.0 Ok: queued as");
        assertThat(replies.get(1)).isEqualTo("250 2.1.0 Ok");
        assertThat(replies.get(2)).isEqualTo("250 2.1.5 Ok");
        assertThat(replies.get(3)).isEqualTo("554 5.5.0 Error: SMTP protocol synchronization");
    }

    @Test
    void sm20BareLfInACommandLineIsOneBadCommandNeverTwo() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(normalizing.smtpPort())) {
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<a@x.example>\nRCPT TO:<b@gateway.test>"))
                    .isEqualTo("500 5.5.2 Error: bare <LF> received in a command line");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok"); // no second reply was pending
        }
        try (SmtpTestClient client = new SmtpTestClient(rejecting.smtpPort())) {
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<a@x.example>\nRCPT TO:<b@gateway.test>"))
                    .isEqualTo("550 5.5.2 Error: bare <LF> received");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void sm21CommandsBeforeTheGreetingAreRefusedAsUnauthorisedPipelining() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(normalizing.smtpPort(), false)) {
            client.write("EHLO x.example\r\nMAIL FROM:<a@x.example>\r\n");
            List<String> replies = readAll(client);
            assertThat(replies).last().isEqualTo("554 5.5.0 Error: SMTP protocol synchronization");
            assertThat(replies).noneMatch(r -> r.startsWith("250"));
        }
    }

    @Test
    void sm22DataSentWithItsContentBeforeThe354IsRefusedAndNothingQueued() throws Exception {
        int before = normalizing.events().payloads(MessageReceivedEvent.class).size();
        try (SmtpTestClient client = new SmtpTestClient(normalizing.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@sender.example>");
            client.command("RCPT TO:<target@gateway.test>");
            client.write("DATA\r\nSubject: no wait\r\n\r\nbody\r\n.\r\n");
            assertThat(readAll(client)).containsExactly("554 5.5.0 Error: SMTP protocol synchronization");
        }
        assertThat(normalizing.events().payloads(MessageReceivedEvent.class)).hasSize(before);
    }

    @Test
    void sm23AndSm24BdatIsNotOfferedAndAChunkBehindItEndsTheSession() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(normalizing.smtpPort())) {
            assertThat(client.command("EHLO client.test")).doesNotContain("CHUNKING");
            client.command("MAIL FROM:<a@sender.example>");
            client.command("RCPT TO:<target@gateway.test>");
            client.write("BDAT 10\r\nx\r\n.\r\nMAIL FROM:<spoof@victim.example>\r\n");
            assertThat(readAll(client)).containsExactly("554 5.5.0 Error: SMTP protocol synchronization");
        }
        try (SmtpTestClient client = new SmtpTestClient(normalizing.smtpPort())) {
            client.command("EHLO client.test");
            client.write("BDAT 5 LAST\r\n1234567");
            assertThat(readAll(client)).containsExactly("554 5.5.0 Error: SMTP protocol synchronization");
        }
        try (SmtpTestClient client = new SmtpTestClient(normalizing.smtpPort())) {
            client.command("EHLO client.test");
            assertThat(client.command("BDAT 5 LAST")).isEqualTo("502 5.5.1 Error: command not implemented");
        }
    }

    @Test
    void sm25BareLfInAHeaderIsNormalisedTheSameForTheSpoolAndTheNextHop() throws Exception {
        send(normalizing, "From: <a@sender.example>\r\nDate: Sat, 5 Dec 2026 10:00:00 +0000\r\nMessage-ID: <sm@sender.example>\r\n"
                + "Subject: hi SM-25\nX-Injected: 1\r\n\r\nbody\r\n.\r\n");
        byte[] block = await().until(() -> captured("hi SM-25"), Optional::isPresent).orElseThrow();
        String wire = new String(block, StandardCharsets.ISO_8859_1);
        assertThat(headerSection(wire)).contains("Subject: hi SM-25\r\nX-Injected: 1\r\n");
        assertThat(hasBareCrOrLf(wire)).isFalse();
    }

    @Test
    void sm26BareCrInAHeaderNeverBecomesARealBccHeader() throws Exception {
        send(normalizing, "From: <a@sender.example>\r\nDate: Sat, 5 Dec 2026 10:00:00 +0000\r\nMessage-ID: <sm@sender.example>\r\n"
                + "Subject: a SM-26\rBcc: x@evil.example\r\n\r\nbody\r\n.\r\n");
        byte[] block = await().until(() -> captured("a SM-26"), Optional::isPresent).orElseThrow();
        String wire = new String(block, StandardCharsets.ISO_8859_1);
        assertThat(headerSection(wire)).contains("Subject: a SM-26 Bcc: x@evil.example\r\n")
                .doesNotContain("\r\nBcc:");
        try (SmtpTestClient client = new SmtpTestClient(rejecting.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@sender.example>");
            client.command("RCPT TO:<target@gateway.test>");
            client.command("DATA");
            assertThat(client.data("Subject: a\rBcc: x@evil.example\r\n\r\nbody\r\n.\r\n"))
                    .isEqualTo("550 5.5.2 Error: bare <CR> received");
        }
    }

    /** Sends the CASES.md carrier with {@code candidate} in one write after DATA; returns every reply after 354. */
    private List<String> inject(TestGateway gateway, String id, String candidate) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<a@sender.example>")).startsWith("250");
            assertThat(client.command("RCPT TO:<target@gateway.test>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            client.write("From: a@sender.example\r\nSubject: carrier " + id + "\r\n\r\nline1" + candidate + S
                    + "\r\n.\r\n");
            return readAll(client);
        }
    }

    private void send(TestGateway gateway, String content) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@sender.example>");
            client.command("RCPT TO:<target@gateway.test>");
            client.command("DATA");
            assertThat(client.data(content)).startsWith("250 2.0.0 Ok: queued as");
        }
    }

    /** Replies until the server closes the connection. */
    private static List<String> readAll(SmtpTestClient client) {
        List<String> replies = new ArrayList<>();
        while (true) {
            try {
                replies.add(client.readReply());
            } catch (IOException e) {
                return replies;
            }
        }
    }

    private static boolean acceptsACommandOfS(String reply) {
        return reply.startsWith("250 2.1.") || reply.startsWith("354");
    }

    private Optional<byte[]> captured(String marker) {
        return capture.dataBlocks().stream()
                .filter(b -> headerSection(new String(b, StandardCharsets.ISO_8859_1)).contains(marker))
                .findFirst();
    }

    private static String headerSection(String message) {
        int end = message.indexOf("\r\n\r\n");
        return end < 0 ? message : message.substring(0, end + 2);
    }

    static boolean hasBareCrOrLf(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                return true;
            }
            if (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r')) {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char n = escaped.charAt(++i);
                out.append(switch (n) {
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case '0' -> '\0';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
