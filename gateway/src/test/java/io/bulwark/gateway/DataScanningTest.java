package io.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.MessageDeletedEvent;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.backup.BackupSink;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.gateway.policy.RemovalNoticeTemplate;
import io.bulwark.scan.testing.TestMessages;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan pipeline wired into DATA, over real sockets: the reply depends on the rule, the
 * delivered bytes carry the rule's changes, the spool and the events record the decision.
 */
class DataScanningTest {
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

    private static RuleDefinition withAntiVirus(RuleDefinition rule, ScanStatus status, Action action, boolean backup,
            String tag) {
        return rule.withModule(ProtectionModule.ANTI_VIRUS,
                rule.module(ProtectionModule.ANTI_VIRUS).with(status, new StatusAction(action, backup, tag)));
    }

    private static RuleEditedEvent editDefault(RuleDefinition definition) {
        return new RuleEditedEvent(RulePresets.DEFAULT_ID, definition, "test", Instant.now());
    }

    private TestGateway gateway(SinkServer sink) {
        return gateway(sink, List.of());
    }

    /** A gateway relaying corp.example to the sink, with extra configuration and properties. */
    private TestGateway gateway(SinkServer sink, List<Class<?>> configurations, String... properties) {
        List<String> all = new java.util.ArrayList<>(List.of(
                "bulwark.routing.relay-domains=corp.example",
                "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port()));
        all.addAll(List.of(properties));
        return TestGateway.start(data, configurations, all.toArray(String[]::new));
    }

    private boolean spoolIsEmpty() throws IOException {
        return io.bulwark.gateway.spool.SpoolFiles.of(data.resolve("spool")).isEmpty();
    }

    @Test
    void eicarUnderARejectRuleGetsA550AtDataAndEventsNamingStatusAndReason() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            gateway.policy().apply(editDefault(withAntiVirus(defaultRule(), ScanStatus.INFECTED, Action.REJECT, false,
                    "")), 0);
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.withAttachment("invoice", "eicar.com", TestMessages.eicar())));
            }
            assertThat(reply).startsWith("550 5.7.1").contains("ANTI_VIRUS INFECTED");

            await().until(() -> !gateway.events().payloads(MessageRejectedEvent.class).isEmpty());
            MessageRejectedEvent rejected = gateway.events().payloads(MessageRejectedEvent.class).getFirst();
            assertThat(rejected.stage()).isEqualTo("DATA");
            assertThat(rejected.reply()).isEqualTo(reply);
            assertThat(rejected.message().messageId()).isEqualTo("t1@example.net");
            MessageScannedEvent scanned = gateway.events().payloads(MessageScannedEvent.class).getFirst();
            assertThat(scanned.dataRejected()).isTrue();
            assertThat(scanned.report().verdict(ProtectionModule.ANTI_VIRUS).orElseThrow().status())
                    .isEqualTo(ScanStatus.INFECTED);
            assertThat(scanned.report().verdict(ProtectionModule.ANTI_VIRUS).orElseThrow().reasons())
                    .anySatisfy(r -> assertThat(r).contains("EICAR"));
            assertThat(scanned.decisions().getFirst().applied()).isEqualTo(Action.REJECT);
            assertThat(gateway.events().payloads(MessageReceivedEvent.class)).isEmpty();
            assertThat(spoolIsEmpty()).isTrue();
            assertThat(sink.messages()).isEmpty();
        }
    }

    @Test
    void deleteAttachmentDeliversTheTemplateInPlaceOfTheAttachmentAndKeepsTheOriginalInBackup()
            throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            // the factory Default rule: INFECTED -> Delete attachment, Backup, [Infected]
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.withAttachment("invoice", "eicar.com", TestMessages.eicar())));
            }
            assertThat(reply).startsWith("250");
            String queueId = reply.substring(reply.lastIndexOf(' ') + 1);

            await().until(() -> sink.messages().size() == 1);
            String delivered = sink.messages().getFirst().text();
            assertThat(delivered).startsWith("Received: from client.test");
            assertThat(delivered).contains("\r\nSubject: [Infected] invoice\r\n");
            assertThat(delivered).contains("\r\nX-Bulwark-AntiVirus: INFECTED\r\n");
            assertThat(delivered).contains("\r\nX-Bulwark-AntiSpam: NOT_SPAM\r\n");
            assertThat(delivered).contains("The attachment eicar.com was removed from this message by the mail gateway.");
            assertThat(delivered).contains("eicar.com.removed.txt");
            assertThat(delivered).doesNotContain(TestMessages.EICAR);
            assertThat(delivered).doesNotContain(java.util.Base64.getMimeEncoder().encodeToString(TestMessages.eicar()));
            assertThat(delivered).contains("see attached.");

            List<BackupSink.Copy> copies = gateway.backups().copies();
            assertThat(copies).hasSize(1);
            assertThat(copies.getFirst().backupId()).isEqualTo(queueId + ".b");
            assertThat(copies.getFirst().message().recipients()).containsExactly("rcpt@corp.example");
            assertThat(copies.getFirst().triggers()).extracting(t -> t.module() + " " + t.status() + " " + t.ruleName())
                    .containsExactly("ANTI_VIRUS INFECTED Default");
            assertThat(new String(copies.getFirst().original(), StandardCharsets.ISO_8859_1))
                    .startsWith("Received: ")
                    .contains(java.util.Base64.getMimeEncoder().encodeToString(TestMessages.eicar()))
                    .contains("Subject: invoice\r\n");

            await().until(() -> !gateway.events().payloads(MessageDeliveredEvent.class).isEmpty() && spoolIsEmpty());
            MessageScannedEvent scanned = gateway.events().payloads(MessageScannedEvent.class).getFirst();
            assertThat(scanned.message().queueId()).isEqualTo(queueId);
            assertThat(scanned.decisions().getFirst().removedParts()).containsExactly("2");
            assertThat(scanned.decisions().getFirst().backupCopy()).isTrue();
            // revision 3: the subject as received (not the tagged one) and the attachment as sent
            assertThat(scanned.subject()).isEqualTo("invoice");
            assertThat(scanned.attachments()).singleElement().satisfies(a -> {
                assertThat(a.partPath()).isEqualTo("2");
                assertThat(a.fileName()).isEqualTo("eicar.com");
                assertThat(a.sizeBytes()).isEqualTo(TestMessages.eicar().length);
                assertThat(a.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(TestMessages.eicar())));
                assertThat(a.detectedType()).isNotBlank();
            });
        }
    }

    /** Installs the DNS probe check beside the built-in ones. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class WithDnsProbe {
        @org.springframework.context.annotation.Bean
        io.bulwark.scan.Check dnsProbe() {
            return new io.bulwark.gateway.support.DnsProbeCheck();
        }
    }

    @Test
    void aCheckWhoseDnsLookupTimesOutGets451AtDataAndATemporaryFailureInTheEvent() throws Exception {
        try (io.bulwark.scan.dns.testing.LoopbackDnsServer dns = new io.bulwark.scan.dns.testing.LoopbackDnsServer()
                .timeout(io.bulwark.gateway.support.DnsProbeCheck.NAME);
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, List.of(WithDnsProbe.class),
                        "bulwark.dns.servers=" + dns.address(),
                        "bulwark.dns.timeout=300ms")) {
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                reply = client.send("sender@example.net", "rcpt@corp.example", wire(TestMessages.plain("hi", "hello")));
            }
            assertThat(reply).isEqualTo("451 4.7.0 Message could not be checked now, try again later (ANTI_SPAM)");

            await().until(() -> !gateway.events().payloads(MessageScannedEvent.class).isEmpty());
            MessageScannedEvent scanned = gateway.events().payloads(MessageScannedEvent.class).getFirst();
            assertThat(scanned.dataRejected()).isFalse();
            assertThat(scanned.report().checks()).filteredOn(c -> c.check().equals("dns-probe"))
                    .extracting(c -> c.outcome())
                    .containsExactly(io.bulwark.events.scan.CheckOutcomeKind.TEMPORARY_FAILURE);
            assertThat(scanned.report().verdict(ProtectionModule.ANTI_SPAM).orElseThrow().temporary()).isTrue();
            await().until(() -> !gateway.events().payloads(MessageRejectedEvent.class).isEmpty());
            assertThat(gateway.events().payloads(MessageRejectedEvent.class).getFirst().reply()).isEqualTo(reply);
            assertThat(gateway.events().payloads(MessageReceivedEvent.class)).isEmpty();
            assertThat(spoolIsEmpty()).isTrue();
            assertThat(sink.messages()).isEmpty();
        }
    }

    @Test
    void aCopyChangedOnlyByAddedHeaderLinesIsDeliveredFromTheSpooledOriginalWithTheLinesInserted() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink, List.of())) {
            byte[] message = TestMessages.plain("hello", "nothing special");
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("sender@example.net", "rcpt@corp.example", wire(message))).startsWith("250");
            }
            await().until(() -> sink.messages().size() == 1);
            String delivered = sink.messages().getFirst().text();
            assertThat(delivered).startsWith("Received: from client.test")
                    .contains(" +0000\r\nAuthentication-Results: ")
                    .contains("\r\nX-Bulwark-Spam: rating=0; symbols=\r\n")
                    .contains("X-Bulwark-SenderAuth: PASS\r\n")
                    .contains("X-Bulwark-AntiVirus: CLEAN\r\n")
                    .contains("X-Bulwark-AntiPhishing: CLEAN\r\n" + new String(message, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(delivered).endsWith(new String(message, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void symbolWeightsComeFromConfiguration() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, List.of(), "bulwark.scan.symbols.GTUBE.weight=45",
                        "bulwark.scan.symbols.GTUBE_TEST_VARIANT.weight=10")) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.plain("offer", TestMessages.GTUBE)))).startsWith("250");
            }
            await().until(() -> sink.messages().size() == 1);
            assertThat(sink.messages().getFirst().text()).contains("\r\nSubject: [Probable spam] offer\r\n")
                    .contains("X-Bulwark-Spam: rating=45; symbols=GTUBE(45)\r\n");
        }
    }

    @Test
    void theRemovalNoticeTemplateIsConfigurable() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data,
                        "bulwark.routing.relay-domains=corp.example",
                        "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port(),
                        "bulwark.scan.attachment-removed-template=Removed %FILE_NAME% (part %PART%): %REASON%")) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.withAttachment("invoice", "eicar.com", TestMessages.eicar()))))
                        .startsWith("250");
            }
            await().until(() -> sink.messages().size() == 1);
            assertThat(sink.messages().getFirst().text()).contains("Removed eicar.com (part 2): ANTI_VIRUS INFECTED")
                    .doesNotContain(RemovalNoticeTemplate.DEFAULT_TEXT.lines().findFirst().orElseThrow());
        }
    }

    @Test
    void gtubeGetsTheSpamTagAndHeaderAndIsDelivered() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.plain("cheap pills", "Buy now " + TestMessages.GTUBE)))).startsWith("250");
            }
            await().until(() -> sink.messages().size() == 1);
            String delivered = sink.messages().getFirst().text();
            assertThat(delivered).contains("\r\nSubject: [Spam] cheap pills\r\n");
            assertThat(delivered).contains("\r\nX-Bulwark-AntiSpam: SPAM\r\n");
            assertThat(delivered).contains("\r\nX-Bulwark-AntiVirus: CLEAN\r\n");
            assertThat(gateway.backups().copies()).isEmpty();
        }
    }

    @Test
    void aForgedStatusHeaderIsReplacedByOurs() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            byte[] forged = ("X-Bulwark-AntiVirus: CLEAN\r\n" + new String(
                    TestMessages.withAttachment("hi", "eicar.com", TestMessages.eicar()), StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1);
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("sender@example.net", "rcpt@corp.example", wire(forged))).startsWith("250");
            }
            await().until(() -> sink.messages().size() == 1);
            String delivered = sink.messages().getFirst().text();
            assertThat(delivered).contains("X-Bulwark-AntiVirus: INFECTED").doesNotContain("X-Bulwark-AntiVirus: CLEAN");
        }
    }

    @Test
    void recipientsUnderDifferentRulesGetTheirOwnOutcomeAndARejectingGroupIsDropped() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            RuleDefinition strict = withAntiVirus(RuleDefinition.withDefaults("Strict", SenderCriteria.anyone(),
                    new RecipientCriteria(List.of("ceo@corp.example"))), ScanStatus.INFECTED, Action.REJECT, false, "");
            gateway.policy().apply(new RuleCreatedEvent("strict", strict, 0, "test", Instant.now()), 0);
            String reply;
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                client.command("EHLO client.test");
                assertThat(client.command("MAIL FROM:<sender@example.net>")).startsWith("250");
                assertThat(client.command("RCPT TO:<ceo@corp.example>")).startsWith("250");
                assertThat(client.command("RCPT TO:<staff@corp.example>")).startsWith("250");
                assertThat(client.command("DATA")).startsWith("354");
                reply = client.data(wire(TestMessages.withAttachment("invoice", "eicar.com", TestMessages.eicar())));
            }
            assertThat(reply).startsWith("250");

            await().until(() -> sink.messages().size() == 1 && spoolIsEmpty());
            SinkServer.Received received = sink.messages().getFirst();
            assertThat(received.recipients()).containsExactly("staff@corp.example");
            assertThat(received.text()).contains("eicar.com.removed.txt").doesNotContain(TestMessages.EICAR);

            await().until(() -> gateway.events().payloads(MessageDeletedEvent.class).size() == 1);
            MessageDeletedEvent deleted = gateway.events().payloads(MessageDeletedEvent.class).getFirst();
            assertThat(deleted.message().recipients()).containsExactly("ceo@corp.example");
            assertThat(deleted.ruleName()).isEqualTo("Strict");
            assertThat(deleted.reason()).contains("REJECT").contains("ANTI_VIRUS INFECTED");
            MessageScannedEvent scanned = gateway.events().payloads(MessageScannedEvent.class).getFirst();
            assertThat(scanned.dataRejected()).isFalse();
            assertThat(scanned.decisions()).extracting(d -> d.ruleName() + ":" + d.decided() + "->" + d.applied())
                    .containsExactly("Strict:REJECT->DELETE_MESSAGE", "Default:DELETE_ATTACHMENT->DELETE_ATTACHMENT");
        }
    }

    @Test
    void deleteMessageAnswers250AndDeliversNothing() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            gateway.policy().apply(editDefault(withAntiVirus(defaultRule(), ScanStatus.INFECTED, Action.DELETE_MESSAGE,
                    false, "")), 0);
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.withAttachment("invoice", "eicar.com", TestMessages.eicar()))))
                        .startsWith("250");
            }
            await().until(() -> gateway.events().payloads(MessageDeletedEvent.class).size() == 1 && spoolIsEmpty());
            assertThat(gateway.events().payloads(MessageDeletedEvent.class).getFirst().reason())
                    .contains("ANTI_VIRUS INFECTED -> DELETE_MESSAGE");
            assertThat(gateway.events().payloads(MessageReceivedEvent.class)).hasSize(1);
            assertThat(gateway.events().payloads(MessageDeliveredEvent.class)).isEmpty();
            assertThat(sink.messages()).isEmpty();
        }
    }

    @Test
    void aRuleChangeAppliesToTheNextMessage() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            GatewayPolicy policy = gateway.policy();
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.plain("one", "hello")))).startsWith("250");
                policy.apply(editDefault(defaultRule().withMode(RuleMode.REJECT_WITHOUT_SCANNING)), 0);
                assertThat(client.command("RSET")).startsWith("250");
                assertThat(client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.plain("two", "hello")))).startsWith("550 5.7.1").contains("rule 'Default'");
                policy.apply(editDefault(defaultRule().withMode(RuleMode.SKIP_WITHOUT_SCANNING)), 1);
                assertThat(client.command("RSET")).startsWith("250");
                assertThat(client.send("sender@example.net", "rcpt@corp.example",
                        wire(TestMessages.plain("three", "hello")))).startsWith("250");
            }
            await().until(() -> sink.messages().size() == 2);
            // The two deliveries run concurrently: find each by its subject, not by arrival order.
            assertThat(sink.messages()).filteredOn(m -> m.text().contains("Subject: one")).singleElement()
                    .satisfies(m -> assertThat(m.text()).contains("X-Bulwark-AntiVirus: CLEAN"));
            // Skip without scanning: delivered exactly as received, no status headers
            assertThat(sink.messages()).filteredOn(m -> m.text().contains("Subject: three")).singleElement()
                    .satisfies(m -> assertThat(m.text()).doesNotContain("X-Bulwark-"));
            assertThat(policy.rulesVersion()).isEqualTo(1);
            // an unscanned message (not parsed) still records its subject, read from the raw header
            await().until(() -> gateway.events().payloads(MessageScannedEvent.class).stream()
                    .anyMatch(e -> "three".equals(e.subject())));
            assertThat(gateway.events().payloads(MessageScannedEvent.class)).extracting(MessageScannedEvent::subject)
                    .contains("one", "two", "three");
        }
    }
}
