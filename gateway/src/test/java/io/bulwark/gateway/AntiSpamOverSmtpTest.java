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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's first "done when", over real SMTP with the loopback DNS server and the Default rule
 * as shipped: GTUBE gives SPAM and a sending host listed by a configured DNS block list gives
 * BLACKLISTED, each with its symbols in the MessageScannedEvent's ANTI_SPAM verdict (module,
 * status, 0-100 score, symbols: the contract outside measurements read).
 */
class AntiSpamOverSmtpTest {
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    @TempDir
    Path data;

    private static String wire(String message) {
        return message.replace("\r\n.", "\r\n..") + ".\r\n";
    }

    private static String message(String extraHeaders, String body) {
        return extraHeaders + "From: alice@example.net\r\nTo: rcpt@corp.example\r\nSubject: hello\r\n"
                + "Message-ID: <1@example.net>\r\nDate: Sat, 5 Dec 2026 03:00:00 +0000\r\n\r\n" + body + "\r\n";
    }

    private TestGateway gateway(SinkServer sink, LoopbackDnsServer dns) {
        return TestGateway.start(data, "bulwark.routing.relay-domains=corp.example",
                "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port(),
                "bulwark.dns.servers=" + dns.address(),
                "bulwark.antispam.dnsbl[0].symbol=RBL_LOOPBACK", "bulwark.antispam.dnsbl[0].zone=bl.test.example",
                "bulwark.antispam.dnsbl[0].codes[127.0.0.2]=spam source", "bulwark.antispam.dnsbl[0].weight=30");
    }

    private static ModuleVerdict antiSpam(TestGateway gateway) {
        await().until(() -> !gateway.events().payloads(MessageScannedEvent.class).isEmpty());
        MessageScannedEvent scanned = gateway.events().payloads(MessageScannedEvent.class).getFirst();
        assertThat(scanned.message().recipients()).containsExactly("rcpt@corp.example");
        return scanned.report().verdict(ProtectionModule.ANTI_SPAM).orElseThrow();
    }

    /**
     * A message from a relay at 192.0.2.99: the SMTP client is on loopback (trusted), so the lists
     * are asked about the host that handed the message to it, as its Received field records.
     */
    private static void sendThroughRelay(TestGateway gateway) throws Exception {
        String received = "Received: from relay.example.org (relay.example.org [192.0.2.99]) by edge.corp.example;"
                + " Sat, 5 Dec 2026 03:00:01 +0000\r\n";
        try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            assertThat(client.send("alice@example.net", "rcpt@corp.example",
                    wire(message(received, "Hello, here are the notes.")))).startsWith("250");
        }
    }

    @Test
    void gtubeIsSpamWithItsSymbol() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer();
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, dns)) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("alice@example.net", "rcpt@corp.example", wire(message("", "test " + GTUBE))))
                        .startsWith("250");
            }
            ModuleVerdict v = antiSpam(gateway);
            assertThat(v.status()).isEqualTo(ScanStatus.SPAM);
            assertThat(v.score()).isEqualTo(100.0);
            assertThat(v.symbols()).extracting(s -> s.name()).contains("GTUBE");
            await().until(() -> sink.messages().size() == 1);
            assertThat(sink.messages().getFirst().text()).contains("Subject: [Spam] hello");
        }
    }

    @Test
    void aSendingHostListedOnTheLoopbackBlockListIsBlacklisted() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer().a("99.2.0.192.bl.test.example", "127.0.0.2");
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, dns)) {
            sendThroughRelay(gateway);
            ModuleVerdict v = antiSpam(gateway);
            assertThat(v.status()).isEqualTo(ScanStatus.BLACKLISTED);
            assertThat(v.symbols()).extracting(s -> s.name()).contains("RBL_LOOPBACK");
            assertThat(v.reasons()).contains("sending host 192.0.2.99 listed by bl.test.example: spam source");
            assertThat(v.score()).isBetween(30.0, 39.0);
            assertThat(dns.queryCount("99.2.0.192.bl.test.example", 1)).isEqualTo(1);
        }
    }

    @Test
    void aListFromTheEventsReplacesThePropertiesListsForTheNextMessageWithoutRestart() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer().a("99.2.0.192.bl.test.example", "127.0.0.2")
                        .a("99.2.0.192.console.test.example", "127.0.0.3");
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, dns)) {
            // an administrator's list (as the events bring it to every node) replaces the property list
            gateway.policy().apply(new io.bulwark.events.dnslist.DnsListsSeededEvent(java.util.List.of(),
                    "properties", "configuration", java.time.Instant.now()), 0);
            gateway.policy().apply(new io.bulwark.events.dnslist.DnsListAddedEvent(
                    new io.bulwark.events.dnslist.DnsListDefinition("RBL_CONSOLE",
                            io.bulwark.events.dnslist.DnsListKind.DNSBL, "console.test.example",
                            java.util.Map.of("127.0.0.3", "botnet"), 35, true, false, true),
                    "admin", java.time.Instant.now()), 1);
            sendThroughRelay(gateway);
            ModuleVerdict v = antiSpam(gateway);
            assertThat(v.status()).isEqualTo(ScanStatus.BLACKLISTED);
            assertThat(v.symbols()).extracting(s -> s.name() + "=" + s.score()).containsExactly("RBL_CONSOLE=35.0");
            assertThat(v.reasons()).contains("sending host 192.0.2.99 listed by console.test.example: botnet");
            assertThat(dns.queryCount("99.2.0.192.bl.test.example", 1)).as("the property list is no longer asked")
                    .isZero();
        }
    }

    @Test
    void theSclHeaderCarriesTheRatingForExchangeWhenSwitchedOn() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer();
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data, "bulwark.routing.relay-domains=corp.example",
                        "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port(),
                        "bulwark.dns.servers=" + dns.address(), "bulwark.antispam.scl-header.enabled=true")) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("alice@example.net", "rcpt@corp.example",
                        wire(message("X-MS-Exchange-Organization-SCL: -1\r\n", "test " + GTUBE)))).startsWith("250");
            }
            await().until(() -> sink.messages().size() == 1);
            String delivered = sink.messages().getFirst().text();
            assertThat(delivered).contains("\r\nX-MS-Exchange-Organization-SCL: 9\r\n")
                    .doesNotContain("X-MS-Exchange-Organization-SCL: -1");
            assertThat(delivered).contains("X-Bulwark-Spam: rating=100; symbols=GTUBE(100)");
        }
    }
}
