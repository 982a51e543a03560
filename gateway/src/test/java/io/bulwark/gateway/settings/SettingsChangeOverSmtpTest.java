package io.bulwark.gateway.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.ModuleSwitchesSettingsChangedEvent;
import io.bulwark.events.settings.MtaSettings;
import io.bulwark.events.settings.MtaSettingsChangedEvent;
import io.bulwark.events.settings.TlsPolicySettings;
import io.bulwark.events.settings.TlsPolicySettingsChangedEvent;
import io.bulwark.gateway.policy.DataPhaseProcessor;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.gateway.routing.LiveRouting;
import io.bulwark.gateway.routing.TlsPolicy;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings changes recorded from the console reach a running gateway over real SMTP, with no
 * restart: the next session gets the new size limit (552) and banner, the new inbound TLS policy
 * (530 before STARTTLS), the router the new outbound policy per domain, and a switched-off module is
 * NOT_SCANNED with its reason. The test feeds the events into the policy as the node's tracking
 * processor does.
 */
class SettingsChangeOverSmtpTest {
    private static final MtaSettings START_MTA = new MtaSettings(10_240_000, 1000, 100, 10, 300, 300, null);
    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    @TempDir
    Path data;

    private static String message(String body) {
        return "From: a@sender.test\r\nTo: b@corp.example\r\nSubject: limits\r\n\r\n" + body + "\r\n.\r\n";
    }

    @Test
    void aSmallerSizeLimitIsAnswered552ByTheNextSessionWithoutRestart() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data, "bulwark.routing.relay-domains=corp.example",
                        "bulwark.smtp.hostname=gw.start.test",
                        "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port())) {
            String body = "x".repeat(4000);
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.greeting()).contains("gw.start.test");
                assertThat(client.send("a@sender.test", "b@corp.example", message(body))).startsWith("250");
            }
            MtaSettings small = new MtaSettings(2048, 1000, 100, 10, 300, 300, "mx.changed.test");
            assertThat(gateway.policy().apply(new MtaSettingsChangedEvent(START_MTA, small, "alice", Instant.now()), 0))
                    .isEqualTo(GatewayPolicy.Applied.APPLIED);

            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.greeting()).startsWith("220 mx.changed.test");
                assertThat(client.command("EHLO client.test")).contains("SIZE 2048");
                assertThat(client.command("MAIL FROM:<a@sender.test> SIZE=4096")).startsWith("552");
            }
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                // a client that declares no size: the content itself is held to the new limit
                assertThat(client.send("a@sender.test", "b@corp.example", message(body))).startsWith("552 5.3.4");
            }
            await().until(() -> sink.messages().size() == 1);
        }
    }

    @Test
    void encryptInboundRefusesMailBeforeStarttlsInTheNextSession() throws Exception {
        try (TestGateway gateway = TestGateway.start(data, "bulwark.routing.relay-domains=corp.example")) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                client.command("EHLO client.test");
                assertThat(client.command("MAIL FROM:<a@sender.test>")).startsWith("250");
            }
            TlsPolicySettings encrypt = new TlsPolicySettings("encrypt", false, "may",
                    Map.of("partner.example", "verify"));
            gateway.policy().apply(new TlsPolicySettingsChangedEvent(new TlsPolicySettings("may", false, "may",
                    Map.of()), encrypt, "alice", Instant.now()), 0);

            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.command("EHLO client.test")).contains("STARTTLS");
                assertThat(client.command("MAIL FROM:<a@sender.test>")).startsWith("530");
                client.startTls();
                client.command("EHLO client.test");
                assertThat(client.command("MAIL FROM:<a@sender.test>")).startsWith("250");
            }
            LiveRouting routing = gateway.bean(LiveRouting.class);
            assertThat(routing.router().tlsPolicy("partner.example")).isEqualTo(TlsPolicy.VERIFY);
            assertThat(routing.router().tlsPolicy("other.example")).isEqualTo(TlsPolicy.MAY);
        }
    }

    @Test
    void aSwitchedOffModuleIsNotScannedWithItsReasonAndMailFlows() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data, "bulwark.routing.relay-domains=corp.example",
                        "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port())) {
            gateway.policy().apply(new ModuleSwitchesSettingsChangedEvent(ModuleSwitches.allOn(),
                    new ModuleSwitches(false, true, true, true, true), "alice", Instant.now()), 0);
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("a@sender.test", "b@corp.example", message(EICAR))).startsWith("250");
            }
            await().until(() -> gateway.events().payloads(MessageScannedEvent.class).size() == 1);
            List<ModuleVerdict> verdicts = gateway.events().payloads(MessageScannedEvent.class).getFirst().report()
                    .verdicts();
            ModuleVerdict antivirus = verdicts.stream().filter(v -> v.module() == ProtectionModule.ANTI_VIRUS)
                    .findFirst().orElseThrow();
            assertThat(antivirus.status()).isEqualTo(ScanStatus.NOT_SCANNED);
            assertThat(antivirus.reasons()).containsExactly(DataPhaseProcessor.SWITCHED_OFF);
            await().until(() -> sink.messages().size() == 1);
        }
    }
}
