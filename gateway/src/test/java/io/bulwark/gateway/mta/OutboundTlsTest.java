package io.bulwark.gateway.mta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.DeliveryTls;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import io.bulwark.gateway.tls.Pem;
import io.bulwark.gateway.tls.SelfSignedTlsMaterialSource;
import io.bulwark.gateway.tls.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound TLS policy per destination ({@code bulwark.routing.tls-policy.<domain>}, default
 * {@code bulwark.delivery.tls}) against SubEthaSMTP next hops with and without STARTTLS, and the
 * TLS facts recorded in the delivery events.
 */
class OutboundTlsTest {
    @TempDir
    Path data;

    @BeforeAll
    static void fastAwait() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }

    @Test
    void eachPolicyDeliversDefersOrVerifiesAsPostfixWouldAndTheEventsSaySo() throws Exception {
        TlsMaterial trusted = SelfSignedTlsMaterialSource.generate(List.of("127.0.0.1"), Instant.now(),
                Duration.ofDays(1));
        TlsMaterial wrongName = SelfSignedTlsMaterialSource.generate(List.of("other.test"), Instant.now(),
                Duration.ofDays(1));
        TlsMaterial untrusted = SelfSignedTlsMaterialSource.generate(List.of("127.0.0.1"), Instant.now(),
                Duration.ofDays(1));
        List<java.security.cert.X509Certificate> anchors = new ArrayList<>(trusted.chain());
        anchors.addAll(wrongName.chain());
        Path trustStore = Files.writeString(data.resolve("anchors.pem"), Pem.certificates(anchors));

        try (SinkServer plain = SinkServer.start(0);
                SinkServer tlsTrusted = SinkServer.startTls(trusted);
                SinkServer tlsWrongName = SinkServer.startTls(wrongName);
                SinkServer tlsUntrusted = SinkServer.startTls(untrusted);
                TestGateway gateway = TestGateway.start(data.resolve("gw"),
                        "bulwark.routing.mynetworks=127.0.0.0/8",
                        "bulwark.delivery.tls-trust-store=" + trustStore,
                        route("may-plain.test", plain, null),
                        route("may-tls.test", tlsUntrusted, null),
                        route("none.test", tlsUntrusted, "none"),
                        route("encrypt-plain.test", plain, "encrypt"),
                        route("encrypt-tls.test", tlsUntrusted, "encrypt"),
                        route("verify-ok.test", tlsTrusted, "verify"),
                        route("verify-untrusted.test", tlsUntrusted, "verify"),
                        route("verify-wrong-name.test", tlsWrongName, "verify"),
                        policy("may-plain.test", null), policy("may-tls.test", null), policy("none.test", "none"),
                        policy("encrypt-plain.test", "encrypt"), policy("encrypt-tls.test", "encrypt"),
                        policy("verify-ok.test", "verify"), policy("verify-untrusted.test", "verify"),
                        policy("verify-wrong-name.test", "verify"))) {
            for (String domain : List.of("may-plain.test", "may-tls.test", "none.test", "encrypt-plain.test",
                    "encrypt-tls.test", "verify-ok.test", "verify-untrusted.test", "verify-wrong-name.test")) {
                try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                    assertThat(client.send("a@inside.test", "bob@" + domain, "Subject: " + domain
                            + "\r\n\r\nhi\r\n.\r\n")).startsWith("250");
                }
            }

            assertThat(delivered(gateway, "may-plain.test")).isEqualTo(DeliveryTls.plain("may"));
            DeliveryTls mayTls = delivered(gateway, "may-tls.test");
            assertThat(mayTls.policy()).isEqualTo("may");
            assertThat(mayTls.protocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(mayTls.cipher()).isNotBlank();
            assertThat(mayTls.peerVerified()).isFalse();
            assertThat(delivered(gateway, "none.test")).isEqualTo(DeliveryTls.plain("none"));
            DeliveryTls encrypted = delivered(gateway, "encrypt-tls.test");
            assertThat(encrypted.encrypted()).isTrue();
            assertThat(encrypted.peerVerified()).isFalse();
            DeliveryTls verified = delivered(gateway, "verify-ok.test");
            assertThat(verified.policy()).isEqualTo("verify");
            assertThat(verified.peerVerified()).isTrue();

            assertThat(deferred(gateway, "encrypt-plain.test").reply())
                    .isEqualTo("4.7.4 TLS is required, but was not offered by host 127.0.0.1");
            assertThat(deferred(gateway, "verify-untrusted.test").reply())
                    .startsWith("4.7.5 Server certificate not verified");
            assertThat(deferred(gateway, "verify-wrong-name.test").reply())
                    .startsWith("4.7.5 Server certificate not verified").contains("127.0.0.1");

            assertThat(plain.messages()).extracting(m -> m.recipients().getFirst())
                    .containsExactly("bob@may-plain.test");
            assertThat(tlsTrusted.messages()).singleElement().satisfies(m -> assertThat(m.tls()).isTrue());
            assertThat(tlsWrongName.messages()).isEmpty();
            assertThat(tlsUntrusted.messages()).extracting(m -> m.recipients().getFirst() + ":" + m.tls())
                    .containsExactlyInAnyOrder("bob@may-tls.test:true", "bob@none.test:false",
                            "bob@encrypt-tls.test:true");
        }
    }

    private static String route(String domain, SinkServer sink, String unused) {
        return "bulwark.routing.transport-map." + domain + "=[127.0.0.1]:" + sink.port();
    }

    private static String policy(String domain, String policy) {
        return policy == null ? "bulwark.routing.tls-policy." + domain + "=may"
                : "bulwark.routing.tls-policy." + domain + "=" + policy;
    }

    private static DeliveryTls delivered(TestGateway gateway, String domain) {
        return await().until(() -> gateway.events().payloads(MessageDeliveredEvent.class).stream()
                .filter(e -> e.message().recipients().getFirst().endsWith("@" + domain)).findFirst(),
                Optional::isPresent).orElseThrow().tls();
    }

    private static DeliveryDeferredEvent deferred(TestGateway gateway, String domain) {
        return await().until(() -> gateway.events().payloads(DeliveryDeferredEvent.class).stream()
                .filter(e -> e.message().recipients().getFirst().endsWith("@" + domain)).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
