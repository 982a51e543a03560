package io.bulwark.gateway;

import static io.bulwark.scan.testing.Archives.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.MessageDeliveredEvent;
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
import io.bulwark.scan.testing.Archives;
import io.bulwark.scan.testing.OfficeFiles;
import io.bulwark.scan.testing.TestMessages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content filtering and the anti-virus heuristics over real SMTP through the gateway: the rule's
 * options decide, "Delete attachment" removes the whole attachment that holds a banned entry and
 * puts the removal notice in its place.
 */
class ContentFilteringOverSmtpTest {
    @TempDir
    Path data;

    @BeforeAll
    static void fastAwait() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }

    private static String wire(byte[] message) {
        return new String(message, StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..") + ".\r\n";
    }

    private static RuleDefinition defaultRule() {
        return RulePresets.initialRules().stream().filter(r -> r.ruleId().equals(RulePresets.DEFAULT_ID))
                .findFirst().map(RuleEntry::definition).orElseThrow();
    }

    private TestGateway gateway(SinkServer sink) {
        return TestGateway.start(data, java.util.List.of(), "bulwark.routing.relay-domains=corp.example",
                "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port());
    }

    @Test
    void aBannedExeInsideAZipIsRemovedWithTheTemplateTextInItsPlace() throws Exception {
        RuleDefinition rule = defaultRule();
        ModuleSettings filtering = rule.module(ProtectionModule.CONTENT_FILTERING).withEnabled(true)
                .withOption(ModuleOption.BANNED_NAMES, "*.exe, *.scr")
                .with(ScanStatus.FORBIDDEN_NAME, new StatusAction(Action.DELETE_ATTACHMENT, true, "[Banned attachment]"));
        byte[] zip = Archives.zip(entries("readme.txt", "run the tool", "setup.exe", Archives.peExecutable()));
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            gateway.policy().apply(new RuleEditedEvent(RulePresets.DEFAULT_ID,
                    rule.withModule(ProtectionModule.CONTENT_FILTERING, filtering), "test", Instant.now()), 0);
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.withAttachment("tools", "tools.zip", zip)));
            }
            assertThat(reply).startsWith("250");

            await().until(() -> sink.messages().size() == 1);
            String delivered = sink.messages().getFirst().text();
            assertThat(delivered).contains("\r\nSubject: [Banned attachment] tools\r\n");
            assertThat(delivered).contains("The attachment tools.zip was removed from this message by the mail gateway.");
            assertThat(delivered).contains("CONTENT_FILTERING FORBIDDEN_NAME");
            assertThat(delivered).contains("tools.zip.removed.txt");
            assertThat(delivered).doesNotContain(Base64.getMimeEncoder().encodeToString(zip).substring(0, 60));
            assertThat(delivered).contains("see attached.");

            await().until(() -> !gateway.events().payloads(MessageDeliveredEvent.class).isEmpty());
            MessageScannedEvent scanned = gateway.events().payloads(MessageScannedEvent.class).getFirst();
            ModuleVerdict verdict = scanned.report().verdict(ProtectionModule.CONTENT_FILTERING).orElseThrow();
            assertThat(verdict.status()).isEqualTo(ScanStatus.FORBIDDEN_NAME);
            assertThat(verdict.reasons()).contains("banned attachment name (mask *.exe) in part 2 (tools.zip!setup.exe)");
            assertThat(scanned.decisions().getFirst().removedParts()).containsExactly("2");
            assertThat(gateway.backups().copies()).hasSize(1);
        }
    }

    @Test
    void aMacroDocumentIsRemovedWhereTheRuleCountsMacrosAndDeliveredWhereItDoesNot() throws Exception {
        RuleDefinition rule = defaultRule();
        ModuleSettings strict = rule.module(ProtectionModule.ANTI_VIRUS)
                .withOption(ModuleOption.MACROS_PROBABLY_INFECTED, "yes");
        byte[] docm = OfficeFiles.docm();
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.withAttachment("tolerated", "report.docm", docm)))).startsWith("250");
            }
            await().until(() -> sink.messages().size() == 1);
            assertThat(sink.messages().getFirst().text()).contains("Subject: tolerated\r\n")
                    .contains(Base64.getMimeEncoder().encodeToString(docm).substring(0, 60));

            gateway.policy().apply(new RuleEditedEvent(RulePresets.DEFAULT_ID,
                    rule.withModule(ProtectionModule.ANTI_VIRUS, strict), "test", Instant.now()), 0);
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.withAttachment("flagged", "report.docm", docm)))).startsWith("250");
            }
            await().until(() -> sink.messages().size() == 2);
            String flagged = sink.messages().get(1).text();
            assertThat(flagged).contains("\r\nSubject: [Probably infected] flagged\r\n")
                    .contains("The attachment report.docm was removed from this message by the mail gateway.")
                    .doesNotContain(Base64.getMimeEncoder().encodeToString(docm).substring(0, 60));
        }
    }
}
