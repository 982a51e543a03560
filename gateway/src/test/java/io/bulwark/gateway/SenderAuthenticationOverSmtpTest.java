package io.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's "done when", over real SMTP with the loopback DNS server and the Default rule as
 * shipped: a From domain that publishes p=reject and fails alignment is refused with 550 5.7.1 at
 * DATA, with the SPF, DKIM and DMARC results and reasons in its MessageScannedEvent; a passing
 * message is delivered with Authentication-Results.
 */
class SenderAuthenticationOverSmtpTest {
    @TempDir
    Path data;

    private static String wire(String message) {
        return message.replace("\r\n.", "\r\n..") + ".\r\n";
    }

    private static String message(String from) {
        return "From: " + from + "\r\nTo: rcpt@corp.example\r\nSubject: payment\r\n"
                + "Message-ID: <1@test>\r\nDate: Sat, 5 Dec 2026 03:00:00 +0000\r\n\r\nPlease pay.\r\n";
    }

    private TestGateway gateway(SinkServer sink, LoopbackDnsServer dns) {
        return TestGateway.start(data, "bulwark.routing.relay-domains=corp.example",
                "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port(),
                "bulwark.dns.servers=" + dns.address(), "bulwark.scan.authserv-id=gw.test");
    }

    @Test
    void aSpoofedSenderWhoseDomainPublishesRejectIsRefusedAtData() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer()
                .txt("spoofed.example", "v=spf1 ip4:198.51.100.0/24 -all")
                .txt("_dmarc.spoofed.example", "v=DMARC1; p=reject; rua=mailto:d@spoofed.example");
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, dns)) {
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("bounce@spoofed.example", "rcpt@corp.example", wire(message("ceo@spoofed.example")));
            }
            assertThat(reply).startsWith("550 5.7.1");

            await().until(() -> !gateway.events().payloads(MessageScannedEvent.class).isEmpty());
            MessageScannedEvent scanned = gateway.events().payloads(MessageScannedEvent.class).getFirst();
            assertThat(scanned.dataRejected()).isTrue();
            ModuleVerdict auth = scanned.report().verdict(ProtectionModule.SENDER_AUTHENTICATION).orElseThrow();
            assertThat(auth.statuses()).contains(ScanStatus.SPF_FAIL, ScanStatus.DMARC_FAIL);
            assertThat(auth.symbols()).extracting(s -> s.name())
                    .contains("SPF_FAIL", "DMARC_FAIL", "DMARC_POLICY_REJECT");
            assertThat(scanned.report().checks()).extracting(c -> c.check()).contains("spf", "dkim", "dmarc");
            assertThat(String.join(" | ", auth.reasons())).contains("spoofed.example")
                    .containsIgnoringCase("spf fail").containsIgnoringCase("dmarc");
            assertThat(sink.messages()).isEmpty();
        }
    }

    @Test
    void anAlignedSenderIsDeliveredWithAuthenticationResults() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer()
                .txt("good.example", "v=spf1 ip4:127.0.0.1 -all")
                .txt("_dmarc.good.example", "v=DMARC1; p=reject");
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, dns)) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("alice@good.example", "rcpt@corp.example", wire(message("alice@good.example"))))
                        .startsWith("250");
            }
            await().until(() -> sink.messages().size() == 1);
            String delivered = sink.messages().getFirst().text();
            assertThat(delivered).contains("Authentication-Results: gw.test;").contains("spf=pass")
                    .contains("dmarc=pass").contains("X-Bulwark-SenderAuth: PASS");
            List<MessageScannedEvent> scanned = gateway.events().payloads(MessageScannedEvent.class);
            assertThat(scanned.getFirst().report().verdict(ProtectionModule.SENDER_AUTHENTICATION).orElseThrow()
                    .status()).isEqualTo(ScanStatus.PASS);
        }
    }
}
