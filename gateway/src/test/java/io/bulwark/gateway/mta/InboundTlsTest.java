package io.bulwark.gateway.mta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import io.bulwark.gateway.tls.Pem;
import io.bulwark.gateway.tls.SelfSignedTlsMaterialSource;
import io.bulwark.gateway.tls.ServerTls;
import io.bulwark.gateway.tls.TlsMaterial;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inbound STARTTLS: policies, protocol floor, what is recorded, and certificate changes without restart. */
class InboundTlsTest {
    private static final String MESSAGE = "Subject: over TLS\r\n\r\nhello\r\n.\r\n";

    @TempDir
    Path data;

    @BeforeAll
    static void fastAwait() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }

    @Test
    void offeredByDefaultWithAnEncryptedSelfSignedKeyAndTheSessionTlsIsRecorded() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data, "bulwark.routing.relay-domains=dest.test",
                        "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + sink.port());
                SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            assertThat(client.command("EHLO client.test")).contains("250-STARTTLS");
            X509Certificate presented = client.startTls();
            assertThat(presented.getSubjectX500Principal().getName()).isEqualTo("CN=gw.test");
            assertThat(client.command("EHLO client.test")).doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS")).isEqualTo("554 5.5.1 Error: TLS already active");
            client.command("MAIL FROM:<a@sender.test>");
            client.command("RCPT TO:<bob@dest.test>");
            client.command("DATA");
            assertThat(client.data(MESSAGE)).startsWith("250");

            MessageReceivedEvent received = await().until(
                    () -> gateway.events().payloads(MessageReceivedEvent.class), l -> !l.isEmpty()).getFirst();
            assertThat(received.tlsProtocol()).isEqualTo(client.sslSocket().getSession().getProtocol())
                    .isIn("TLSv1.3", "TLSv1.2");
            assertThat(received.tlsCipher()).isEqualTo(client.sslSocket().getSession().getCipherSuite());
            await().until(() -> sink.messages().size() == 1);
            assertThat(sink.messages().getFirst().text()).contains("(using " + received.tlsProtocol()
                    + " with cipher " + received.tlsCipher() + ")", "with ESMTPS id");

            Path tls = data.resolve("tls");
            assertThat(Files.readString(tls.resolve("selfsigned-key.pem")))
                    .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("secret"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void requiredRefusesTheTransactionUntilStartTlsAndOnlyTls12AndUpIsSpoken() throws Exception {
        try (TestGateway gateway = TestGateway.start(data, "bulwark.smtp.tls=required",
                "bulwark.smtp.tls-client-auth=want", "bulwark.routing.relay-domains=dest.test")) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                client.command("EHLO client.test");
                assertThat(client.command("MAIL FROM:<a@sender.test>"))
                        .isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
                assertThat(client.command("RCPT TO:<bob@dest.test>"))
                        .isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
                assertThat(client.command("DATA")).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
                client.startTls("TLSv1.2");
                assertThat(client.sslSocket().getSession().getProtocol()).isEqualTo("TLSv1.2");
                assertThat(client.command("MAIL FROM:<a@sender.test>")).isEqualTo("503 5.5.1 Error: send HELO/EHLO first");
                client.command("EHLO client.test");
                assertThat(client.command("MAIL FROM:<a@sender.test>")).isEqualTo("250 2.1.0 Ok");
            }
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                client.command("EHLO client.test");
                assertThatThrownBy(() -> client.startTls("TLSv1.1")).isInstanceOf(SSLException.class);
            }
        }
    }

    @Test
    void offIsNeverAdvertisedNorAccepted() throws Exception {
        try (TestGateway gateway = TestGateway.start(data, "bulwark.smtp.tls=off");
                SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            assertThat(client.command("EHLO client.test")).doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS")).isEqualTo("502 5.5.1 Error: command not implemented");
            assertThat(Files.exists(data.resolve("tls"))).isFalse();
        }
    }

    @Test
    void aNewCertificateIsPresentedToNewHandshakesWithoutRestartAfterReloadOrAFileChange() throws Exception {
        Path certificate = data.resolve("cert.pem");
        Path key = data.resolve("key.pem");
        BigInteger first = writePair(certificate, key);
        try (TestGateway gateway = TestGateway.start(data.resolve("gw"),
                "bulwark.tls.certificate-file=" + certificate, "bulwark.tls.key-file=" + key,
                "bulwark.tls.key-password=s3cret", "bulwark.tls.reload-check-interval=100ms",
                "bulwark.routing.relay-domains=dest.test")) {
            assertThat(handshake(gateway).getSerialNumber()).isEqualTo(first);
            try (SmtpTestClient established = new SmtpTestClient(gateway.smtpPort())) {
                established.command("EHLO client.test");
                established.startTls();
                established.command("EHLO client.test");

                BigInteger second = writePair(certificate, key);
                gateway.bean(ServerTls.class).reload();
                assertThat(handshake(gateway).getSerialNumber()).isEqualTo(second);
                // The session that was already encrypted carries on undisturbed.
                assertThat(established.command("MAIL FROM:<a@sender.test>")).isEqualTo("250 2.1.0 Ok");

                BigInteger third = writePair(certificate, key);
                await().until(() -> handshake(gateway).getSerialNumber().equals(third));
            }
        }
    }

    /** Writes a fresh certificate and password-protected key atomically; returns the serial. */
    private BigInteger writePair(Path certificate, Path key) throws Exception {
        TlsMaterial material = SelfSignedTlsMaterialSource.generate(List.of("gw.test"), Instant.now(),
                Duration.ofDays(30));
        Path keyTmp = Files.writeString(key.resolveSibling("key.tmp"),
                Pem.encryptedPrivateKey(material.key(), "s3cret".toCharArray()));
        Path certTmp = Files.writeString(certificate.resolveSibling("cert.tmp"), Pem.certificates(material.chain()));
        Files.move(keyTmp, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(certTmp, certificate, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return material.leaf().getSerialNumber();
    }

    private static X509Certificate handshake(TestGateway gateway) throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            client.command("EHLO client.test");
            return client.startTls();
        }
    }
}
