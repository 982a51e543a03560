package io.bulwark.gateway.mta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.gateway.smtp.SmtpServerLifecycle;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Limits and protocol hygiene over real sockets: every refusal has the right code, a misbehaving
 * client never breaks the listener, and nothing is left in the spool that was not answered 250.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpLimitsTest {
    Path data;
    Path timeoutData;
    SinkServer sink;
    TestGateway gateway;
    TestGateway slow;

    @BeforeAll
    void start() throws IOException {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
        data = Files.createTempDirectory("bulwark-limits-");
        timeoutData = Files.createTempDirectory("bulwark-limits-");
        sink = SinkServer.start(0);
        String[] common = {"bulwark.smtp.tls=off", "bulwark.routing.relay-domains=dest.test",
                "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + sink.port()};
        gateway = TestGateway.start(data, Stream.concat(Stream.of(common), Stream.of(
                "bulwark.smtp.max-message-size=1000B", "bulwark.smtp.max-recipients=3",
                "bulwark.smtp.max-connections=3", "bulwark.smtp.max-connections-per-client=2",
                "bulwark.smtp.hard-error-limit=5", "bulwark.smtp.max-messages-per-connection=2",
                "bulwark.smtp.hop-count-limit=5")).toArray(String[]::new));
        slow = TestGateway.start(timeoutData, Stream.concat(Stream.of(common), Stream.of(
                "bulwark.smtp.command-timeout=300ms", "bulwark.smtp.data-timeout=300ms")).toArray(String[]::new));
    }

    @AfterAll
    void stop() {
        gateway.close();
        slow.close();
        sink.close();
        org.springframework.util.FileSystemUtils.deleteRecursively(data.toFile());
        org.springframework.util.FileSystemUtils.deleteRecursively(timeoutData.toFile());
    }

    @Test
    void sizeIsAdvertisedAndEnforcedBeforeAndWhileStreaming() throws Exception {
        try (SmtpTestClient client = client()) {
            assertThat(client.command("EHLO client.test")).contains("250-SIZE 1000");
            assertThat(client.command("MAIL FROM:<a@sender.test> SIZE=1001"))
                    .isEqualTo("552 5.3.4 Message size exceeds fixed limit");
            client.command("MAIL FROM:<a@sender.test>");
            client.command("RCPT TO:<bob@dest.test>");
            client.command("DATA");
            assertThat(client.data("Subject: big\r\n\r\n" + "x".repeat(2000) + "\r\n.\r\n"))
                    .isEqualTo("552 5.3.4 Error: message size exceeds fixed limit");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        }
        assertThat(gateway.events().payloads(MessageRejectedEvent.class))
                .anyMatch(e -> e.stage().equals("DATA") && e.reply().startsWith("552 5.3.4"));
        await().until(() -> spoolFiles(data).isEmpty());
    }

    @Test
    void recipientsBeyondTheLimitGet452() throws Exception {
        try (SmtpTestClient client = client()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@sender.test>");
            for (int i = 0; i < 3; i++) {
                assertThat(client.command("RCPT TO:<r" + i + "@dest.test>")).isEqualTo("250 2.1.5 Ok");
            }
            assertThat(client.command("RCPT TO:<r4@dest.test>")).isEqualTo("452 4.5.3 Error: too many recipients");
        }
    }

    @Test
    void connectionsArelimitedPerClientAndInTotal() throws Exception {
        List<SmtpTestClient> open = new ArrayList<>();
        try {
            open.add(client());
            open.add(client());
            try (SmtpTestClient third = new SmtpTestClient(gateway.smtpPort(), false)) {
                assertThat(third.readReply()).isEqualTo("421 4.7.0 gw.test Error: too many connections from 127.0.0.1");
                assertThat(third.closedByServer()).isTrue();
            }
            open.add(new SmtpTestClient(gateway.smtpPort(), true, "127.0.0.2"));
            try (SmtpTestClient fourth = new SmtpTestClient(gateway.smtpPort(), false, "127.0.0.3")) {
                assertThat(fourth.readReply()).isEqualTo("421 4.7.0 gw.test Error: too many connections");
            }
        } finally {
            for (SmtpTestClient client : open) {
                client.close();
            }
        }
        await().until(() -> gateway.bean(SmtpServerLifecycle.class).openSessions() == 0);
        try (SmtpTestClient again = client()) {
            assertThat(again.greeting()).startsWith("220 gw.test");
        }
    }

    @Test
    void commandAndDataTimeoutsEndTheSessionWith421AndLeaveNoSpoolFile() throws Exception {
        try (SmtpTestClient idle = new SmtpTestClient(slow.smtpPort())) {
            assertThat(idle.readReply()).isEqualTo("421 4.4.2 gw.test Error: timeout exceeded");
        }
        try (SmtpTestClient stalled = new SmtpTestClient(slow.smtpPort())) {
            stalled.command("EHLO client.test");
            stalled.command("MAIL FROM:<a@sender.test>");
            stalled.command("RCPT TO:<bob@dest.test>");
            stalled.command("DATA");
            stalled.write("Subject: half\r\n\r\nand then nothing");
            assertThat(stalled.readReply()).isEqualTo("421 4.4.2 gw.test Error: timeout exceeded");
        }
        await().until(() -> spoolFiles(timeoutData).isEmpty());
    }

    @Test
    void tooManyErrorsEndTheSession() throws Exception {
        try (SmtpTestClient client = client()) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.command("XYZZY")).isEqualTo("500 5.5.2 Error: command not recognized");
            }
            assertThat(client.readReply()).isEqualTo("421 4.7.0 gw.test Error: too many errors");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void messagesPerConnectionAreLimited() throws Exception {
        try (SmtpTestClient client = client()) {
            client.command("EHLO client.test");
            for (int i = 0; i < 2; i++) {
                client.command("MAIL FROM:<a@sender.test>");
                client.command("RCPT TO:<bob@dest.test>");
                client.command("DATA");
                assertThat(client.data("Subject: " + i + "\r\n\r\nx\r\n.\r\n")).startsWith("250 2.0.0");
            }
            assertThat(client.command("MAIL FROM:<a@sender.test>"))
                    .isEqualTo("421 4.7.0 gw.test Error: too many messages in one session");
        }
    }

    @Test
    void aMessageWithMoreReceivedHeadersThanTheHopCountIsALoop() throws Exception {
        try (SmtpTestClient client = client()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@sender.test>");
            client.command("RCPT TO:<bob@dest.test>");
            client.command("DATA");
            assertThat(client.data("Received: from a\r\n".repeat(6) + "Subject: loop\r\n\r\nx\r\n.\r\n"))
                    .isEqualTo("554 5.4.6 Too many hops");
            client.command("MAIL FROM:<a@sender.test>");
            client.command("RCPT TO:<bob@dest.test>");
            client.command("DATA");
            assertThat(client.data("Received: from a\r\n".repeat(5) + "Subject: ok\r\n\r\nx\r\n.\r\n"))
                    .startsWith("250 2.0.0");
        }
    }

    @Test
    void malformedInputGetsTheRightRepliesAndNeverBreaksTheListener() throws Exception {
        try (SmtpTestClient client = client()) {
            assertThat(client.command("MAIL FROM:<a@sender.test>")).isEqualTo("503 5.5.1 Error: send HELO/EHLO first");
            assertThat(client.command("EHLO")).isEqualTo("501 5.5.4 Syntax: EHLO hostname");
            client.command("EHLO client.test");
            assertThat(client.command("RCPT TO:<bob@dest.test>")).isEqualTo("503 5.5.1 Error: need MAIL command");
            assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Error: need RCPT command");
            client.command("MAIL FROM:<a@sender.test>");
            assertThat(client.command("MAIL FROM:<a@sender.test>")).isEqualTo("503 5.5.1 Error: nested MAIL command");
        }
        try (SmtpTestClient client = client()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@sender.test>");
            assertThat(client.command("DATA")).isEqualTo("554 5.5.1 Error: no valid recipients");
            assertThat(client.command("X".repeat(3000))).isEqualTo("500 5.5.2 Error: line too long");
            assertThat(client.command("MAIL FROM:<a@sender.test> FOO=BAR"))
                    .startsWith("503 5.5.1"); // transaction still open: nested MAIL
            assertThat(client.command("RSET")).isEqualTo("250 2.0.0 Ok");
            assertThat(client.command("MAIL FROM:<a@sender.test> FOO=BAR")).isEqualTo("555 5.5.4 Unsupported option: FOO=BAR");
        }
        try (SmtpTestClient client = client()) {
            client.write("\u0016\u0003\u0001\u0002\u0000\u00ff\u00fe garbage\r\n");
            assertThat(client.readReply()).isEqualTo("221 2.7.0 Error: I can break rules, too. Goodbye.");
            assertThat(client.closedByServer()).isTrue();
        }
        try (SmtpTestClient client = client()) {
            assertThat(client.command("GET / HTTP/1.1")).startsWith("221 2.7.0");
        }
        try (SmtpTestClient client = client()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@sender.test>");
            client.command("RCPT TO:<bob@dest.test>");
            client.command("DATA");
            client.write("Subject: cut\r\n\r\nthe client dies here");
        }
        await().until(() -> gateway.bean(SmtpServerLifecycle.class).openSessions() == 0);
        await().until(() -> spoolFiles(data).isEmpty());
        try (SmtpTestClient client = client()) {
            assertThat(client.send("a@sender.test", "bob@dest.test", "From: <a@sender.test>\r\n"
                    + "Date: Sat, 5 Dec 2026 10:00:00 +0000\r\nMessage-ID: <fine@sender.test>\r\n"
                    + "Subject: still fine\r\n\r\nx\r\n.\r\n"))
                    .startsWith("250 2.0.0 Ok: queued as");
        }
        await().until(() -> sink.messages().stream().anyMatch(m -> m.text().contains("Subject: still fine")));
    }

    private SmtpTestClient client() throws IOException {
        return new SmtpTestClient(gateway.smtpPort());
    }

    private static List<Path> spoolFiles(Path dataDir) throws IOException {
        return io.bulwark.gateway.spool.SpoolFiles.of(dataDir.resolve("spool"));
    }
}
