package io.bulwark.gateway.antivirus;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import io.bulwark.scan.testing.TestMessages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anti-virus exclusions per rule over real SMTP: EICAR in a zip is refused under a rule that
 * rejects INFECTED, and accepted as "not scanned" with the reason once the rule excludes
 * {@code *.zip} or limits the object size below the zip's.
 */
class AntivirusExclusionsOverSmtpTest {
    private static final byte[] EICAR_ZIP = TestMessages.zip("eicar.com", TestMessages.eicar());
    private static final byte[] MESSAGE = TestMessages.withAttachment("invoice", "invoice.zip", EICAR_ZIP);

    @TempDir
    Path data;

    private static RuleEditedEvent rule(String... keyThenValue) {
        RuleDefinition rule = RulePresets.initialRules().stream()
                .filter(r -> r.ruleId().equals(RulePresets.DEFAULT_ID)).findFirst().map(RuleEntry::definition)
                .orElseThrow();
        ModuleSettings av = rule.module(ProtectionModule.ANTI_VIRUS)
                .with(ScanStatus.INFECTED, new StatusAction(Action.REJECT, false, ""));
        for (int i = 0; i < keyThenValue.length; i += 2) {
            av = av.withOption(ModuleOption.byKey(keyThenValue[i]).orElseThrow(), keyThenValue[i + 1]);
        }
        return new RuleEditedEvent(RulePresets.DEFAULT_ID, rule.withModule(ProtectionModule.ANTI_VIRUS, av), "test",
                Instant.now());
    }

    private static String send(TestGateway gateway) throws Exception {
        String wire = new String(MESSAGE, StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..") + ".\r\n";
        try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            return client.send("sender@example.net", "rcpt@corp.example", wire);
        }
    }

    private static ModuleVerdict lastVerdict(TestGateway gateway) {
        return gateway.events().payloads(MessageScannedEvent.class).getLast().report()
                .verdict(ProtectionModule.ANTI_VIRUS).orElseThrow();
    }

    @Test
    void theRulesExclusionsAndSizeLimitDecideWhetherAnInfectedZipCounts() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data, List.of(), "bulwark.routing.relay-domains=corp.example",
                        "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port())) {
            gateway.policy().apply(rule(), 0);
            assertThat(send(gateway)).startsWith("550 5.7.1");
            assertThat(lastVerdict(gateway).status()).isEqualTo(ScanStatus.INFECTED);

            gateway.policy().apply(rule("excluded-names", "*.ZIP"), 1);
            assertThat(send(gateway)).startsWith("250");
            assertThat(lastVerdict(gateway).status()).isEqualTo(ScanStatus.NOT_SCANNED);
            assertThat(lastVerdict(gateway).reasons())
                    .contains("not scanned: excluded (mask *.ZIP): part 2 (invoice.zip)");

            gateway.policy().apply(rule("max-object-size", "100"), 2);
            assertThat(send(gateway)).startsWith("250");
            assertThat(lastVerdict(gateway).reasons()).contains("not scanned: size limit: part 2 (invoice.zip) is "
                    + EICAR_ZIP.length + " bytes, over 100");

            gateway.policy().apply(rule("excluded-types", "executables", "max-object-size", "1M"), 3);
            assertThat(send(gateway)).startsWith("550 5.7.1");
        }
    }
}
