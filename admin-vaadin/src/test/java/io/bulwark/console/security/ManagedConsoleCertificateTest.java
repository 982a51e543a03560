package io.bulwark.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.admin.tls.CertificateAdministration;
import io.bulwark.console.ConsoleTestApplication;
import io.bulwark.events.tls.ActivateCertificateCommand;
import io.bulwark.events.tls.TlsKeyType;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The console port presents the certificate the administrators activate in certificate
 * management, from the next handshake, without a restart. The context is discarded afterwards:
 * the other real-server tests trust only the generated certificate.
 */
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ManagedConsoleCertificateTest {

    @LocalServerPort
    int port;
    @Autowired
    CertificateAdministration certificates;
    @Autowired
    CommandGateway commands;

    @Test
    void anActivatedManagedCertificateIsPresentedOnTheConsolePort() throws Exception {
        String generated = presentedFingerprint();

        String id = certificates.createSelfSigned("console.corp.example", List.of("console.corp.example"), 30,
                TlsKeyType.EC_P256, "admin");
        String managed = certificates.awaitCertificate(id, v -> true).orElseThrow().details().sha256Fingerprint()
                .replace(":", "");
        assertThat(managed).isNotEqualToIgnoringCase(generated);
        commands.sendAndWait(new ActivateCertificateCommand(id, "admin"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(presentedFingerprint()).isEqualToIgnoringCase(managed));
    }

    /** SHA-256 of the leaf certificate the console port presents in a fresh handshake. */
    private String presentedFingerprint() throws Exception {
        X509Certificate[] seen = new X509Certificate[1];
        TrustManager recordAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain[0];
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {recordAll}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seen[0].getEncoded()));
    }
}
