package io.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's done-when over real SMTP: under the factory Default rule (anti-phishing on, PHISHING
 * and MALICIOUS_LINK rejected) a deceptive link, an executive's name from outside and a link in a
 * feed file are refused at DATA with 550, the scan event naming the trick; a plain message passes
 * with its anti-phishing header.
 */
class AntiPhishingOverSmtpTest {
    @TempDir
    Path data;

    @BeforeAll
    static void fastAwait() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }

    private TestGateway gateway(SinkServer sink, String... properties) {
        List<String> all = new ArrayList<>(List.of("bulwark.routing.relay-domains=corp.example",
                "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port(),
                "bulwark.antiphishing.executives[0]=Jane Doe <jane.doe@corp.example>"));
        all.addAll(List.of(properties));
        return TestGateway.start(data, List.of(), all.toArray(String[]::new));
    }

    private static String message(String from, String contentType, String body) {
        String m = "From: " + from + "\r\nTo: ap@corp.example\r\nSubject: notice\r\nMessage-ID: <p1@example.net>\r\n"
                + "Date: Sat, 05 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType
                + "; charset=utf-8\r\n\r\n" + body + "\r\n";
        return m.replace("\r\n.", "\r\n..") + ".\r\n";
    }

    private static ModuleVerdict antiPhishing(TestGateway gateway) {
        await().until(() -> !gateway.events().payloads(MessageScannedEvent.class).isEmpty());
        return gateway.events().payloads(MessageScannedEvent.class).getFirst().report()
                .verdict(ProtectionModule.ANTI_PHISHING).orElseThrow();
    }

    @Test
    void aLinkShowingPaypalThatGoesElsewhereIsRejectedAtDataWithTheReason() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("service@example.net", "ap@corp.example", message("PayPal <service@example.net>",
                        "text/html", "<p>Confirm your account: <a href=\"https://paypal.verify-account.test/s\">"
                                + "https://www.paypal.com</a></p>"));
            }
            assertThat(reply).startsWith("550 5.7.1").contains("ANTI_PHISHING PHISHING");
            ModuleVerdict v = antiPhishing(gateway);
            assertThat(v.status()).isEqualTo(ScanStatus.PHISHING);
            assertThat(v.reasons()).contains(
                    "link text shows www.paypal.com but the link goes to paypal.verify-account.test");
            await().until(() -> !gateway.events().payloads(MessageRejectedEvent.class).isEmpty());
            assertThat(sink.messages()).isEmpty();
        }
    }

    @Test
    void anExecutivesNameFromAFreeMailAddressIsRejectedNamingTheImpersonation() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("jd.office@gmail.test", "ap@corp.example",
                        message("\"Jane Doe\" <jd.office@gmail.test>", "text/plain", "Are you at your desk?"));
            }
            assertThat(reply).startsWith("550 5.7.1");
            ModuleVerdict v = antiPhishing(gateway);
            assertThat(v.status()).isEqualTo(ScanStatus.PHISHING);
            assertThat(v.reasons()).contains("display name 'Jane Doe' is Jane Doe's, but the address "
                    + "jd.office@gmail.test is outside our domains");
        }
    }

    @Test
    void aHomographOfOurRelayDomainInALinkIsRejectedNamingTheHomograph() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("it@example.net", "ap@corp.example", message("IT <it@example.net>", "text/html",
                        "<p>Your mailbox is full: <a href=\"https://c&#1086;rp.example/owa\">log in</a></p>"));
            }
            assertThat(reply).startsWith("550 5.7.1").contains("ANTI_PHISHING PHISHING");
            ModuleVerdict v = antiPhishing(gateway);
            assertThat(v.reasons()).anySatisfy(r -> assertThat(r)
                    .contains("is a homograph of protected domain corp.example"));
        }
    }

    @Test
    void aLinkListedInTheMalwareFeedFileIsAMaliciousLink() throws Exception {
        Path feed = data.resolve("urlhaus.txt");
        Files.writeString(feed, "# URLhaus\nhttp://files.malware.test/invoice.exe\n", StandardCharsets.UTF_8);
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, "bulwark.antiphishing.malware-feeds=" + feed)) {
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("billing@example.net", "ap@corp.example", message("Billing <billing@example.net>",
                        "text/plain", "Your invoice: http://files.malware.test/invoice.exe"));
            }
            assertThat(reply).startsWith("550 5.7.1").contains("MALICIOUS_LINK");
            ModuleVerdict v = antiPhishing(gateway);
            assertThat(v.status()).isEqualTo(ScanStatus.MALICIOUS_LINK);
            assertThat(v.reasons()).anySatisfy(r -> assertThat(r).contains("malware feed urlhaus.txt"));
        }
    }

    @Test
    void anOrdinaryMessageIsDeliveredWithTheCleanAntiPhishingHeader() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("friend@example.net", "ap@corp.example", message("Friend <friend@example.net>",
                        "text/html", "<p>Minutes are at <a href=\"https://wiki.example.net/m\">the wiki</a>.</p>"));
            }
            assertThat(reply).startsWith("250");
            await().until(() -> sink.messages().size() == 1);
            assertThat(sink.messages().getFirst().text()).contains("\r\nX-Bulwark-AntiPhishing: CLEAN\r\n");
        }
    }
}
