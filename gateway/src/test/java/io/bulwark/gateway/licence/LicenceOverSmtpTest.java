package io.bulwark.gateway.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.licence.LicenceIds;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceKeyInstalledEvent;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import io.bulwark.scan.licence.LicenceMode;
import io.bulwark.scan.licence.LicenceVerifier;
import io.bulwark.scan.licence.Verification;
import io.bulwark.scan.licence.testing.TestLicences;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's "done when" on a gateway node, over real SMTP with the Default rule as shipped: keys
 * issued by the licence tool, verified, and installed as the licence events the aggregate records
 * (the node follows them as its tracker would). A trial key scans everything; an expired commercial
 * key still scans but stops updates; an anti-virus-only key makes anti-spam NOT_SCANNED "licence
 * restriction" while anti-virus scans; without a licence where one is enforced, mail still flows.
 */
class LicenceOverSmtpTest {
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    @TempDir
    Path data;
    @TempDir
    Path keys;

    private TestLicences licences;
    private LicenceVerifier verifier;
    private int sent;

    @BeforeEach
    void authority() {
        licences = new TestLicences(keys);
        verifier = new LicenceVerifier(List.of(licences.publicKey()));
    }

    /** Issues a key with the tool and installs it as the active key, as the admin backend would. */
    private void install(TestGateway gateway, String number, String... options) {
        Verification v = verifier.verify(licences.issue(number, options), Instant.now());
        assertThat(v.authentic()).as(v.message()).isTrue();
        LicenceKeyFacts key = v.key();
        gateway.bean(NodeLicence.class).apply(new LicenceKeyInstalledEvent(LicenceSlot.ACTIVE, key, null,
                LicenceIds.SOURCE_FILE, "admin", Instant.now()));
    }

    private static String wire(String body) {
        return ("From: alice@example.net\r\nTo: rcpt@corp.example\r\nSubject: hello\r\n"
                + "Message-ID: <1@example.net>\r\nDate: Sat, 5 Dec 2026 03:00:00 +0000\r\n\r\n" + body + "\r\n")
                + ".\r\n";
    }

    /** Sends GTUBE and returns the message's scan report's verdicts once its event is there. */
    private List<ModuleVerdict> sendGtube(TestGateway gateway, SinkServer sink) throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            assertThat(client.send("alice@example.net", "rcpt@corp.example", wire("test " + GTUBE))).startsWith("250");
        }
        sent++;
        await().until(() -> gateway.events().payloads(MessageScannedEvent.class).size() == sent);
        await().until(() -> sink.messages().size() == sent);
        return gateway.events().payloads(MessageScannedEvent.class).get(sent - 1).report().verdicts();
    }

    private static ModuleVerdict of(List<ModuleVerdict> verdicts, ProtectionModule module) {
        return verdicts.stream().filter(v -> v.module() == module).findFirst().orElseThrow();
    }

    @Test
    void trialScansEverythingThenAnExpiredCommercialKeyScansWithoutUpdatesThenAnAntiVirusKeyRestrictsAntiSpam()
            throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data, "bulwark.routing.relay-domains=corp.example",
                        "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port())) {
            NodeLicence licence = gateway.bean(NodeLicence.class);
            assertThat(licence.status().mode()).isEqualTo(LicenceMode.COMMUNITY);

            install(gateway, "BW-TRIAL-1", "--type", "trial", "--days", "30");
            assertThat(licence.status().mode()).isEqualTo(LicenceMode.TRIAL);
            assertThat(licence.updatesAllowed()).isTrue();
            io.bulwark.gateway.antivirus.UpdatePermit permit = gateway.bean(io.bulwark.gateway.antivirus.UpdatePermit.class);
            assertThat(permit.refusal()).isEmpty();
            List<ModuleVerdict> trial = sendGtube(gateway, sink);
            assertThat(of(trial, ProtectionModule.ANTI_SPAM).status()).isEqualTo(ScanStatus.SPAM);
            assertThat(trial).noneMatch(v -> v.reasons().contains("licence restriction"));

            install(gateway, "BW-COM-OLD", "--type", "commercial", "--start", "2024-01-01", "--expiry", "2025-01-01");
            assertThat(licence.status().mode()).isEqualTo(LicenceMode.COMMERCIAL);
            assertThat(licence.status().scanningAllowed()).isTrue();
            assertThat(licence.updatesAllowed()).isFalse();
            assertThat(permit.refusal()).get().asString().startsWith("the licence does not allow updates: ");
            List<ModuleVerdict> expired = sendGtube(gateway, sink);
            assertThat(of(expired, ProtectionModule.ANTI_SPAM).status()).isEqualTo(ScanStatus.SPAM);
            assertThat(sink.messages().get(1).text()).contains("Subject: [Spam] hello");

            install(gateway, "BW-AV-1", "--type", "commercial", "--functionality", "anti-virus", "--days", "365");
            assertThat(licence.updatesAllowed()).isTrue();
            List<ModuleVerdict> antiVirusOnly = sendGtube(gateway, sink);
            ModuleVerdict antiSpam = of(antiVirusOnly, ProtectionModule.ANTI_SPAM);
            assertThat(antiSpam.status()).isEqualTo(ScanStatus.NOT_SCANNED);
            assertThat(antiSpam.reasons()).containsExactly("licence restriction",
                    "licence BW-AV-1 covers anti-virus protection only");
            assertThat(antiSpam.symbols()).isEmpty();
            assertThat(of(antiVirusOnly, ProtectionModule.ANTI_PHISHING).status()).isEqualTo(ScanStatus.NOT_SCANNED);
            assertThat(of(antiVirusOnly, ProtectionModule.ANTI_VIRUS).status()).isEqualTo(ScanStatus.CLEAN);
            assertThat(sink.messages().get(2).text()).contains("Subject: hello").doesNotContain("[Spam]");
        }
    }

    @Test
    void whereALicenceIsEnforcedAndNoneIsInstalledNothingIsScannedAndMailStillFlows() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data, "bulwark.routing.relay-domains=corp.example",
                        "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port(),
                        "bulwark.licence.enforce=true")) {
            assertThat(gateway.bean(NodeLicence.class).status().mode()).isEqualTo(LicenceMode.UNLICENSED);
            List<ModuleVerdict> verdicts = sendGtube(gateway, sink);
            assertThat(verdicts).isNotEmpty().allSatisfy(v -> {
                assertThat(v.status()).isEqualTo(ScanStatus.NOT_SCANNED);
                assertThat(v.reasons()).containsExactly("licence restriction", "no active licence key");
            });
            assertThat(sink.messages().getFirst().text()).contains(GTUBE);
        }
    }

    @Test
    void anExpiredTrialStopsScanningButNotMail() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data, "bulwark.routing.relay-domains=corp.example",
                        "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port())) {
            install(gateway, "BW-TRIAL-OLD", "--type", "trial", "--start", "2024-01-01", "--expiry", "2024-02-01");
            assertThat(gateway.bean(NodeLicence.class).updatesAllowed()).isFalse();
            List<ModuleVerdict> verdicts = sendGtube(gateway, sink);
            assertThat(of(verdicts, ProtectionModule.ANTI_SPAM).status()).isEqualTo(ScanStatus.NOT_SCANNED);
            assertThat(of(verdicts, ProtectionModule.ANTI_SPAM).reasons())
                    .containsExactly("licence restriction", "trial licence BW-TRIAL-OLD expired");
            assertThat(sink.messages()).hasSize(1);
        }
    }
}
