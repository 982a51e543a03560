package io.bulwark.gateway.mta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * Slowloris over real sockets: a client that keeps each read just inside the read timeout is still
 * cut at the request's deadline; DATA slower than the minimum data rate is cut while a faster one
 * of the same length is served; one network cannot take more than its share of the listener; under
 * stress, idle sessions are held to the short timeout until the stress ends.
 *
 * <p>The pauses between the client's writes are the slow client itself (the behaviour under test),
 * not waits for a result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientTest {
    private final List<Path> dirs = new ArrayList<>();
    private SinkServer sink;
    private TestGateway deadlines;
    private TestGateway networks;
    private TestGateway stress;
    private TestGateway tls;

    @BeforeAll
    void start() throws IOException {
        sink = SinkServer.start(0);
        deadlines = gateway("bulwark.smtp.command-timeout=1500ms", "bulwark.smtp.data-timeout=1500ms",
                "bulwark.smtp.min-data-rate=1000");
        tls = TestGateway.start(tempDir(), "bulwark.routing.relay-domains=dest.test",
                "bulwark.smtp.command-timeout=1500ms");
        networks = gateway("bulwark.smtp.max-connections-per-client=2", "bulwark.smtp.max-connections-per-network=3");
        stress = gateway("bulwark.smtp.max-connections=5", "bulwark.smtp.stress-threshold=60",
                "bulwark.smtp.stress-timeout=500ms", "bulwark.smtp.command-timeout=60s");
    }

    private Path tempDir() throws IOException {
        Path dir = Files.createTempDirectory("bulwark-slow-");
        dirs.add(dir);
        return dir;
    }

    private TestGateway gateway(String... extra) throws IOException {
        Path dir = tempDir();
        String[] common = {"bulwark.smtp.tls=off", "bulwark.routing.relay-domains=dest.test",
                "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + sink.port()};
        return TestGateway.start(dir, Stream.concat(Stream.of(common), Stream.of(extra)).toArray(String[]::new));
    }

    @AfterAll
    void stop() {
        deadlines.close();
        networks.close();
        stress.close();
        tls.close();
        sink.close();
        dirs.forEach(d -> org.springframework.util.FileSystemUtils.deleteRecursively(d.toFile()));
    }

    @Test
    void aCommandTrickledJustInsideEachReadTimeoutIsCutAtItsDeadline() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(deadlines.smtpPort())) {
            // 19 bytes, 200 ms apart: every read is far inside 1.5 s, the whole line is not.
            trickle(client, "EHLO trickle.test\r\n", 1, 200);
            assertThat(client.readReply()).isEqualTo("421 4.4.2 gw.test Error: timeout exceeded");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void dataSlowerThanTheMinimumRateIsCut() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(deadlines.smtpPort())) {
            client.command("EHLO slow.test");
            client.command("MAIL FROM:<a@sender.test>");
            client.command("RCPT TO:<bob@dest.test>");
            assertThat(client.command("DATA")).startsWith("354");
            // 10 bytes every 200 ms: 50 bytes/s against a minimum of 1,000.
            trickle(client, "Subject: slow\r\n\r\n" + "x".repeat(400) + "\r\n.\r\n", 10, 200);
            assertThat(client.readReply()).isEqualTo("421 4.4.2 gw.test Error: timeout exceeded");
        }
    }

    @Test
    void dataFasterThanTheMinimumRateOutlastsTheBaseDeadline() throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(deadlines.smtpPort())) {
            client.command("EHLO steady.test");
            client.command("MAIL FROM:<a@sender.test>");
            client.command("RCPT TO:<bob@dest.test>");
            assertThat(client.command("DATA")).startsWith("354");
            // 800 bytes every 200 ms (4,000 bytes/s) for about 3 s: twice the 1.5 s base deadline,
            // but each byte earns 1 ms.
            String body = "Subject: steady\r\n\r\n" + ("y".repeat(78) + "\r\n").repeat(150) + ".\r\n";
            trickle(client, body, 800, 200);
            assertThat(client.readReply()).startsWith("250 2.0.0 Ok");
        }
    }

    @Test
    void aClientHelloTrickledAfterStartTlsIsCutAtTheCommandDeadline() throws Exception {
        // A real ClientHello, from a client-side TLS engine, sent a byte every 200 ms: each read of
        // the handshake is far inside 1.5 s, the handshake as a whole is not.
        javax.net.ssl.SSLEngine engine = javax.net.ssl.SSLContext.getDefault().createSSLEngine("gw.test", 25);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        java.nio.ByteBuffer hello = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(java.nio.ByteBuffer.allocate(0), hello);
        hello.flip();
        byte[] bytes = new byte[hello.remaining()];
        hello.get(bytes);
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), tls.smtpPort())) {
            socket.setSoTimeout(10_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            var out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220 ");
            out.write("EHLO slow.test\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()).startsWith("250-")) {
                // the EHLO reply's lines
            }
            out.write("STARTTLS\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("220 ");
            int sent = 0;
            boolean cut = false;
            // 40 of the hello's bytes take 8 s: the server must have closed long before
            for (; sent < Math.min(40, bytes.length); sent++) {
                try {
                    out.write(bytes[sent]);
                    out.flush();
                } catch (IOException closed) {
                    cut = true;
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(cut).as("the server closed the connection during the trickled handshake (%d bytes sent)", sent)
                    .isTrue();
        }
    }

    @Test
    void oneNetworkCannotTakeMoreThanItsShareOfTheListener() throws Exception {
        List<SmtpTestClient> open = new ArrayList<>();
        try {
            open.add(new SmtpTestClient(networks.smtpPort(), true, "127.0.0.1"));
            open.add(new SmtpTestClient(networks.smtpPort(), true, "127.0.0.2"));
            open.add(new SmtpTestClient(networks.smtpPort(), true, "127.0.0.3"));
            assertThat(open).allSatisfy(c -> assertThat(c.greeting()).startsWith("220 "));
            try (SmtpTestClient fourth = new SmtpTestClient(networks.smtpPort(), false, "127.0.0.4")) {
                assertThat(fourth.readReply()).isEqualTo("421 4.7.0 gw.test Error: too many connections from 127.0.0.0/24");
                assertThat(fourth.closedByServer()).isTrue();
            }
        } finally {
            for (SmtpTestClient client : open) {
                client.close();
            }
        }
    }

    @Test
    void underStressIdleSessionsAreHeldToTheStressTimeoutUntilTheStressEnds() throws Exception {
        List<SmtpTestClient> open = new ArrayList<>();
        SmtpServerLifecycle listener = stress.bean(SmtpServerLifecycle.class);
        try {
            // 3 of 5 connections is the 60 % stress threshold; the command timeout is 60 s.
            for (String from : List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")) {
                open.add(new SmtpTestClient(stress.smtpPort(), true, from));
            }
            // Idle sessions are cut after 0.5 s until the listener is below the threshold again.
            // Sessions whose deadlines pass in the same moment may all be cut before the first one's
            // end is counted, so "below the threshold" can mean one or two left.
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.openSessions() <= 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> open.stream().anyMatch(SlowClientTest::hasInput));
            for (SmtpTestClient cut : open.stream().filter(SlowClientTest::hasInput).toList()) {
                assertThat(cut.readReply()).isEqualTo("421 4.4.2 gw.test Error: timeout exceeded");
            }
        } finally {
            for (SmtpTestClient client : open) {
                client.close();
            }
        }
    }

    private static boolean hasInput(SmtpTestClient client) {
        try {
            return client.hasInput();
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes {@code text} in pieces of {@code size} bytes, {@code pauseMillis} apart, until done or cut off. */
    private static void trickle(SmtpTestClient client, String text, int size, long pauseMillis) throws InterruptedException {
        for (int i = 0; i < text.length(); i += size) {
            try {
                client.write(text.substring(i, Math.min(text.length(), i + size)));
            } catch (IOException cutOff) {
                return;
            }
            Thread.sleep(pauseMillis);
        }
    }
}
