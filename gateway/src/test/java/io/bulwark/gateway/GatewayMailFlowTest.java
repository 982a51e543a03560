package io.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mail spine end to end over real sockets: SMTP in, spool, SMTP out, DSN, events. */
class GatewayMailFlowTest {
    private static final String MESSAGE = "From: alice@sender.test\r\n"
            + "To: bob@dest.test\r\n"
            + "Subject: hello\r\n"
            + "Message-ID: <m1@sender.test>\r\n"
            + "\r\n"
            + "Line one\r\n"
            + ".leading dot survives\r\n"
            + "..two dots\r\n"
            + "last line\r\n";

    @TempDir
    Path data;

    @BeforeAll
    static void fastAwait() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }

    /** What the client sends on the wire for MESSAGE: dot-stuffed, terminated. */
    private static String onTheWire(String message) {
        return message.replace("\r\n.", "\r\n..") + ".\r\n";
    }

    @Test
    void relaysTheMessageIntactWithOurReceivedHeaderAndRecordsItsLife() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data,
                        "bulwark.routing.relay-domains=dest.test",
                        "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + sink.port())) {
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("alice@sender.test", "bob@dest.test", onTheWire(MESSAGE));
            }
            assertThat(reply).matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{26}");
            String queueId = reply.substring(reply.lastIndexOf(' ') + 1);

            await().until(() -> sink.messages().size() == 1);
            SinkServer.Received received = sink.messages().getFirst();
            assertThat(received.sender()).isEqualTo("alice@sender.test");
            assertThat(received.recipients()).containsExactly("bob@dest.test");
            assertThat(received.text()).startsWith("Received: from client.test ([127.0.0.1])\r\n\tby gw.test "
                    + "(Bulwark) with ESMTP id " + queueId + "\r\n\tfor <bob@dest.test>; ");
            assertThat(received.text()).endsWith("\r\n" + MESSAGE);

            await().until(() -> !gateway.events().payloads(MessageDeliveredEvent.class).isEmpty()
                    && spoolIsEmpty());
            MessageReceivedEvent rec = gateway.events().payloads(MessageReceivedEvent.class).getFirst();
            assertThat(rec.message().queueId()).isEqualTo(queueId);
            assertThat(rec.message().messageId()).isEqualTo("m1@sender.test");
            assertThat(rec.message().sizeBytes()).isEqualTo(MESSAGE.length());
            assertThat(rec.message().clientAddress()).isEqualTo("127.0.0.1");
            assertThat(rec.message().nodeId()).isEqualTo("test-node");
            assertThat(rec.heloName()).isEqualTo("client.test");
            assertThat(rec.sha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(MESSAGE.getBytes(StandardCharsets.US_ASCII))));
            assertThat(gateway.events().payloads(MessageQueuedEvent.class))
                    .extracting(MessageQueuedEvent::queue).contains("ACTIVE").doesNotContain("INCOMING");
            MessageDeliveredEvent delivered = gateway.events().payloads(MessageDeliveredEvent.class).getFirst();
            assertThat(delivered.nextHop()).isEqualTo("127.0.0.1[127.0.0.1]:" + sink.port());
            assertThat(delivered.reply()).startsWith("250");
            assertThat(delivered.message().recipients()).containsExactly("bob@dest.test");
        }
    }

    @Test
    void greetsAsBulwarkAndAdvertisesTheExtensionsWeImplement() throws Exception {
        try (TestGateway gateway = TestGateway.start(data);
                SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            assertThat(client.greeting()).isEqualTo("220 gw.test ESMTP Bulwark");
            String ehlo = client.command("EHLO client.test");
            assertThat(ehlo.lines()).first().isEqualTo("250-gw.test");
            assertThat(ehlo.lines().map(l -> l.substring(4)))
                    .contains("PIPELINING", "SIZE 10240000", "8BITMIME", "ENHANCEDSTATUSCODES")
                    .doesNotContain("CHUNKING", "SMTPUTF8");
            assertThat(client.command("MAIL FROM:<a@b.test> SIZE=99999999999")).startsWith("552 5.3.4");
            assertThat(client.command("MAIL FROM:<a@b.test> SIZE=100")).isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("RSET")).isEqualTo("250 2.0.0 Ok");
            assertThat(client.command("VRFY bob")).startsWith("502 5.5.1");
        }
    }

    @Test
    void refusesToRelayForAnUntrustedClientAndRecordsTheRefusal() throws Exception {
        try (TestGateway gateway = TestGateway.start(data, "bulwark.routing.relay-domains=Dest.Test");
                SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<spammer@evil.test>");
            assertThat(client.command("RCPT TO:<victim@elsewhere.test>"))
                    .isEqualTo("550 5.7.1 <victim@elsewhere.test>: Relay access denied");
            assertThat(client.command("RCPT TO:<bob@dest.test>")).isEqualTo("250 2.1.5 Ok");

            MessageRejectedEvent rejected = gateway.events().payloads(MessageRejectedEvent.class).getFirst();
            assertThat(rejected.stage()).isEqualTo("RCPT");
            assertThat(rejected.reply()).isEqualTo("550 5.7.1 <victim@elsewhere.test>: Relay access denied");
            assertThat(rejected.message().recipients()).containsExactly("victim@elsewhere.test");
            assertThat(rejected.message().sender()).isEqualTo("spammer@evil.test");
            assertThat(rejected.message().clientAddress()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void relaysAnywhereForAClientInMynetworks() throws Exception {
        try (TestGateway gateway = TestGateway.start(data, "bulwark.routing.mynetworks=10.0.0.0/8,127.0.0.0/8");
                SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<app@inside.test>");
            assertThat(client.command("RCPT TO:<someone@anywhere.test>")).isEqualTo("250 2.1.5 Ok");
        }
    }

    @Test
    void deliversAMessageDeferredWhileTheNextHopWasDownOnceItComesUp() throws Exception {
        int port = TestGateway.reservePort();
        try (TestGateway gateway = TestGateway.start(data,
                "bulwark.routing.relay-domains=dest.test",
                "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + port)) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("alice@sender.test", "bob@dest.test", onTheWire(MESSAGE))).startsWith("250");
            }
            await().until(() -> gateway.events().payloads(DeliveryDeferredEvent.class).size() >= 1);
            DeliveryDeferredEvent deferred = gateway.events().payloads(DeliveryDeferredEvent.class).getFirst();
            assertThat(deferred.attempt()).isEqualTo(1);
            assertThat(deferred.reply()).contains("connect to");
            assertThat(deferred.nextAttemptAt()).isAfter(deferred.at());

            try (SinkServer sink = SinkServer.start(port)) {
                await().until(() -> sink.messages().size() == 1);
                assertThat(sink.messages().getFirst().text()).endsWith(MESSAGE);
                await().until(this::spoolIsEmpty);
                assertThat(gateway.events().payloads(MessageDeliveredEvent.class)).hasSize(1);
            }
        }
    }

    @Test
    void bouncesAPermanentFailureWithAnRfc3464ReportToTheSender() throws Exception {
        try (SinkServer dest = SinkServer.start(0).refuse("nobody@dest.test", "550 5.1.1 no such user");
                SinkServer senderDomain = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data,
                        "bulwark.routing.relay-domains=dest.test",
                        "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + dest.port(),
                        "bulwark.routing.transport-map.sender.test=[127.0.0.1]:" + senderDomain.port())) {
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("alice@sender.test", "nobody@dest.test", onTheWire(MESSAGE));
            }
            String queueId = reply.substring(reply.lastIndexOf(' ') + 1);

            await().until(() -> senderDomain.messages().size() == 1);
            SinkServer.Received dsn = senderDomain.messages().getFirst();
            assertThat(dsn.sender()).isEmpty();
            assertThat(dsn.recipients()).containsExactly("alice@sender.test");
            MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(dsn.data()));
            assertThat(mime.getContentType()).contains("multipart/report").contains("report-type=delivery-status");
            MimeMultipart parts = (MimeMultipart) mime.getContent();
            assertThat(parts.getCount()).isEqualTo(3);
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("message/delivery-status");
            assertThat(parts.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");
            String status = new String(parts.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(status).contains("Reporting-MTA: dns; gw.test", "Final-Recipient: rfc822; nobody@dest.test",
                    "Action: failed", "Status: 5.1.1", "Diagnostic-Code: smtp; 550 5.1.1 no such user");
            String headers = new String(parts.getBodyPart(2).getInputStream().readAllBytes(),
                    StandardCharsets.US_ASCII);
            assertThat(headers).contains("Message-ID: <m1@sender.test>", "Subject: hello")
                    .doesNotContain("Line one");

            await().until(() -> gateway.events().payloads(MessageBouncedEvent.class).size() == 1 && spoolIsEmpty());
            MessageBouncedEvent bounced = gateway.events().payloads(MessageBouncedEvent.class).getFirst();
            assertThat(bounced.message().queueId()).isEqualTo(queueId);
            assertThat(bounced.reply()).isEqualTo("550 5.1.1 no such user");
            assertThat(bounced.dsnQueueId()).isNotNull();
            assertThat(gateway.events().payloads(MessageDeliveredEvent.class))
                    .extracting(e -> e.message().queueId()).containsExactly(bounced.dsnQueueId());
        }
    }

    @Test
    void bouncesWhatStaysDeferredLongerThanTheQueueLifetime() throws Exception {
        int downPort = TestGateway.reservePort();
        try (SinkServer senderDomain = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data,
                        "bulwark.delivery.max-queue-lifetime=500ms",
                        "bulwark.routing.relay-domains=dest.test",
                        "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + downPort,
                        "bulwark.routing.transport-map.sender.test=[127.0.0.1]:" + senderDomain.port())) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("alice@sender.test", "bob@dest.test", onTheWire(MESSAGE))).startsWith("250");
            }
            await().until(() -> senderDomain.messages().size() == 1);
            assertThat(senderDomain.messages().getFirst().text())
                    .contains("Action: failed", "Status: 4.4.7", "Final-Recipient: rfc822; bob@dest.test");
            await().until(() -> gateway.events().payloads(MessageBouncedEvent.class).size() == 1 && spoolIsEmpty());
            assertThat(gateway.events().payloads(MessageBouncedEvent.class).getFirst().reply())
                    .startsWith("4.4.7").contains("connect to");
        }
    }

    @Test
    void neverBouncesAMessageWithTheNullSender() throws Exception {
        try (SinkServer dest = SinkServer.start(0).refuse("nobody@dest.test", "550 5.1.1 no such user");
                TestGateway gateway = TestGateway.start(data,
                        "bulwark.routing.relay-domains=dest.test",
                        "bulwark.routing.relayhost=[127.0.0.1]:" + dest.port())) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("", "nobody@dest.test", onTheWire(MESSAGE))).startsWith("250");
            }
            await().until(() -> gateway.events().payloads(MessageBouncedEvent.class).size() == 1 && spoolIsEmpty());
            assertThat(gateway.events().payloads(MessageBouncedEvent.class).getFirst().dsnQueueId()).isNull();
            assertThat(gateway.events().payloads(MessageReceivedEvent.class)).hasSize(1);
            assertThat(dest.messages()).isEmpty();
        }
    }

    @Test
    void aNewGatewayOnTheSameSpoolDeliversWhatTheOldOneLeft() throws Exception {
        int port = TestGateway.reservePort();
        String[] properties = {
                "bulwark.routing.relay-domains=dest.test",
                "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + port};
        try (TestGateway first = TestGateway.start(data, properties)) {
            try (SmtpTestClient client = new SmtpTestClient(first.smtpPort())) {
                assertThat(client.send("alice@sender.test", "bob@dest.test", onTheWire(MESSAGE))).startsWith("250");
                assertThat(client.send("carol@sender.test", "dave@dest.test", onTheWire(MESSAGE)))
                        .startsWith("250");
            }
            await().until(() -> first.events().payloads(DeliveryDeferredEvent.class).size() >= 2);
        }
        // per message: original and metadata; the Default rule's status X-headers are lines inserted
        // at delivery, not a second file
        assertThat(spoolFiles()).hasSize(4);
        Files.writeString(data.resolve("spool").resolve("orphan.eml"), "never committed");
        Files.writeString(data.resolve("spool").resolve("X.json.tmp"), "{");

        try (SinkServer sink = SinkServer.start(port);
                TestGateway second = TestGateway.start(data, properties)) {
            await().until(() -> sink.messages().size() == 2);
            assertThat(sink.messages()).extracting(SinkServer.Received::sender)
                    .containsExactlyInAnyOrder("alice@sender.test", "carol@sender.test");
            // The inserted status lines survived the restart in the spool metadata.
            assertThat(sink.messages()).allSatisfy(m -> assertThat(m.text()).startsWith("Received: from client.test")
                    .contains("X-Bulwark-AntiVirus: CLEAN\r\n").endsWith("\r\n" + MESSAGE));
            await().until(this::spoolIsEmpty);
            // Recovery re-announced both messages (same event ids as the first node's).
            assertThat(second.events().payloads(MessageReceivedEvent.class)).hasSize(2);
            assertThat(second.events().payloads(MessageDeliveredEvent.class)).hasSize(2);
        }
    }

    @Test
    void routesByMxRecordsFromTheConfiguredResolver() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                LoopbackDnsServer dns = new LoopbackDnsServer()
                        .mx("mx.test", 20, "backup.mx.test").mx("mx.test", 10, "primary.mx.test")
                        .a("primary.mx.test", "127.0.0.1").a("backup.mx.test", "127.0.0.2");
                TestGateway gateway = TestGateway.start(data,
                        "bulwark.routing.relay-domains=mx.test",
                        "bulwark.dns.servers=" + dns.address(),
                        "bulwark.delivery.default-port=" + sink.port())) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("alice@sender.test", "bob@mx.test", onTheWire(MESSAGE))).startsWith("250");
            }
            await().until(() -> sink.messages().size() == 1);
            await().until(() -> !gateway.events().payloads(MessageDeliveredEvent.class).isEmpty());
            assertThat(gateway.events().payloads(MessageDeliveredEvent.class).getFirst().nextHop())
                    .isEqualTo("primary.mx.test[127.0.0.1]:" + sink.port());
        }
    }

    @Test
    void anAdminOnlyNodeRunsWithoutTheListener() {
        try (TestGateway gateway = TestGateway.start(data, "bulwark.smtp.enabled=false")) {
            assertThat(gateway.hasBean(io.bulwark.gateway.smtp.SmtpServerLifecycle.class)).isFalse();
            assertThat(gateway.bean(io.bulwark.gateway.delivery.DeliveryScheduler.class).isRunning()).isTrue();
        }
    }

    private boolean spoolIsEmpty() throws IOException {
        return spoolFiles().length == 0;
    }

    private Path[] spoolFiles() throws IOException {
        return io.bulwark.gateway.spool.SpoolFiles.of(data.resolve("spool")).toArray(Path[]::new);
    }

}
