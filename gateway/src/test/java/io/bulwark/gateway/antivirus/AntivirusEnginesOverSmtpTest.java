package io.bulwark.gateway.antivirus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.scan.AntivirusEngines;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import io.bulwark.scan.antivirus.clamd.testing.ClamdProcess;
import io.bulwark.scan.testing.TestMessages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's done-when for the engines, over real SMTP through the gateway: a signature added as
 * an {@code .hdb} line to {@code bulwark.antivirus.database-dir} is detected after the reload with
 * its name in the reasons; EICAR in a zip in a zip is found by the built-in engine and, where
 * clamd is installed, by clamd too, each naming its engine and signature.
 */
class AntivirusEnginesOverSmtpTest {
    private static final String EICAR_MD5 = "44d88612fea8a8f36de82e1278abb02f";

    @TempDir
    Path data;
    @TempDir
    Path databases;

    @BeforeAll
    static void fastAwait() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
    }

    private static String wire(byte[] message) {
        return new String(message, StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..") + ".\r\n";
    }

    private static RuleEditedEvent rejectInfected() {
        RuleDefinition rule = RulePresets.initialRules().stream()
                .filter(r -> r.ruleId().equals(RulePresets.DEFAULT_ID)).findFirst().map(RuleEntry::definition)
                .orElseThrow();
        rule = rule.withModule(ProtectionModule.ANTI_VIRUS, rule.module(ProtectionModule.ANTI_VIRUS)
                .with(ScanStatus.INFECTED, new StatusAction(Action.REJECT, false, "")));
        return new RuleEditedEvent(RulePresets.DEFAULT_ID, rule, "test", Instant.now());
    }

    private TestGateway gateway(SinkServer sink, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "bulwark.routing.relay-domains=corp.example",
                "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port(),
                "bulwark.antivirus.database-dir=" + databases,
                "bulwark.antivirus.reload-interval=100ms"));
        all.addAll(List.of(properties));
        TestGateway gateway = TestGateway.start(data, List.of(), all.toArray(String[]::new));
        gateway.policy().apply(rejectInfected(), 0);
        return gateway;
    }

    private static String send(TestGateway gateway, byte[] message) throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            return client.send("sender@example.net", "rcpt@corp.example", wire(message));
        }
    }

    private static ModuleVerdict lastAntivirusVerdict(TestGateway gateway) {
        List<MessageScannedEvent> scanned = gateway.events().payloads(MessageScannedEvent.class);
        return scanned.getLast().report().verdict(ProtectionModule.ANTI_VIRUS).orElseThrow();
    }

    @Test
    void aSignatureAddedAsAnHdbLineIsDetectedAfterTheReloadWithItsName() throws Exception {
        Files.writeString(databases.resolve("local.hdb"), EICAR_MD5 + ":68:Win.Test.EICAR_HDB-1\n");
        byte[] sample = "MZ pretend this is a new piece of malware no database knows yet"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] message = TestMessages.withAttachment("invoice", "sample.zip", TestMessages.zip("sample.exe", sample));
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            assertThat(send(gateway, message)).startsWith("250");
            assertThat(lastAntivirusVerdict(gateway).status()).isEqualTo(ScanStatus.CLEAN);

            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(sample));
            Files.writeString(databases.resolve("local.hdb"), md5 + ":" + sample.length + ":Local.Sample-1\n",
                    StandardOpenOption.APPEND);
            await().until(() -> gateway.bean(AntivirusEngines.class).signatures().orElseThrow().database().report()
                    .hashSignatures() == 2);

            String reply = send(gateway, message);
            assertThat(reply).startsWith("550 5.7.1").contains("ANTI_VIRUS INFECTED");
            ModuleVerdict verdict = lastAntivirusVerdict(gateway);
            assertThat(verdict.status()).isEqualTo(ScanStatus.INFECTED);
            assertThat(verdict.reasons()).contains("signatures: Local.Sample-1 in part 2 (sample.zip!sample.exe)");
        }
    }

    @Test
    void eicarInAZipInAZipIsFoundByTheBuiltInEngineBesideTheEicarCheck() throws Exception {
        Files.writeString(databases.resolve("local.hdb"), EICAR_MD5 + ":68:Win.Test.EICAR_HDB-1\n");
        byte[] message = TestMessages.withAttachment("invoice", "a.zip",
                TestMessages.zip("b.zip", TestMessages.zip("eicar.com", TestMessages.eicar())));
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            assertThat(send(gateway, message)).startsWith("550 5.7.1");
            assertThat(lastAntivirusVerdict(gateway).reasons())
                    .contains("signatures: Win.Test.EICAR_HDB-1 in part 2 (a.zip!b.zip!eicar.com)")
                    .anySatisfy(r -> assertThat(r).startsWith("EICAR test file in part 2"));
        }
    }

    @Test
    void withClamdConfiguredBothEnginesReportTheirDetections(@TempDir Path clamdDir) throws Exception {
        assumeTrue(ClamdProcess.binary().isPresent(), "clamd is not installed");
        Files.writeString(databases.resolve("local.hdb"), EICAR_MD5 + ":68:Win.Test.EICAR_HDB-1\n");
        byte[] message = TestMessages.withAttachment("invoice", "a.zip",
                TestMessages.zip("b.zip", TestMessages.zip("eicar.com", TestMessages.eicar())));
        try (ClamdProcess clamd = ClamdProcess.start(clamdDir, Map.of("clamd-test.hdb",
                EICAR_MD5 + ":68:Clamd.Test.EICAR-1\n"));
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, "bulwark.antivirus.clamd.address=" + clamd.unixAddress())) {
            assertThat(send(gateway, message)).startsWith("550 5.7.1");
            assertThat(lastAntivirusVerdict(gateway).reasons())
                    .contains("signatures: Win.Test.EICAR_HDB-1 in part 2 (a.zip!b.zip!eicar.com)")
                    .contains("clamd: Clamd.Test.EICAR-1.UNOFFICIAL in part 2 (a.zip)");
        }
    }

    @Test
    void clamdConfiguredButDownIsATemporaryAntivirusError() throws Exception {
        Files.writeString(databases.resolve("local.hdb"), EICAR_MD5 + ":68:Win.Test.EICAR_HDB-1\n");
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink,
                "bulwark.antivirus.clamd.address=unix:" + data.resolve("no-clamd.sock"))) {
            send(gateway, TestMessages.plain("hello", "nothing to see"));
            await().until(() -> !gateway.events().payloads(MessageScannedEvent.class).isEmpty());
            MessageScannedEvent scanned = gateway.events().payloads(MessageScannedEvent.class).getLast();
            assertThat(scanned.report().checks()).filteredOn(c -> c.check().equals("clamd"))
                    .singleElement().satisfies(c -> assertThat(c.reason()).contains("unreachable"));
        }
    }
}
