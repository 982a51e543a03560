package io.bulwark.gateway.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.quarantine.RecheckOutcome;
import io.bulwark.events.quarantine.SpamQuarantineEvents;
import io.bulwark.events.quarantine.SpamQuarantineHeldEvent;
import io.bulwark.events.quarantine.SpamQuarantineNotHeldEvent;
import io.bulwark.events.quarantine.SpamQuarantineRecheckedEvent;
import io.bulwark.events.quarantine.SpamQuarantineReleasedEvent;
import io.bulwark.events.queue.QueueAction;
import io.bulwark.events.queue.QueueActionRequestedEvent;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.delivery.DeliveryScheduler;
import io.bulwark.gateway.queue.QueueControl;
import io.bulwark.gateway.queue.QueueControlConfiguration;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Anti-Spam Quarantine over real SMTP, with the loopback DNS server as the block lists' server:
 * a client relayed through a host on one list gets a rating in the Default rule's uncertain band
 * (quarantine on, [20, 70)), is held, survives a restart of the node held, and is delivered when an
 * administrator releases it; another is re-checked after a short delay, when a second list has
 * meanwhile listed the host, and is then delivered as spam.
 */
class SpamQuarantineOverSmtpTest {
    private static final String RECEIVED = "Received: from relay.example.org (relay.example.org [192.0.2.99])"
            + " by edge.corp.example; Sat, 5 Dec 2026 03:00:01 +0000\r\n";

    @TempDir
    Path data;

    private static String message(String subject) {
        return (RECEIVED + "From: alice@example.net\r\nTo: rcpt@corp.example\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@example.net>\r\nDate: Sat, 5 Dec 2026 03:00:00 +0000\r\n\r\n"
                + "Hello, here are the notes from the meeting.\r\n").replace("\r\n.", "\r\n..") + ".\r\n";
    }

    private static RuleEditedEvent quarantineOn() {
        RuleDefinition rule = RulePresets.initialRules().stream().filter(r -> r.ruleId().equals(RulePresets.DEFAULT_ID))
                .findFirst().map(RuleEntry::definition).orElseThrow();
        ModuleSettings antiSpam = rule.module(ProtectionModule.ANTI_SPAM).withOption(ModuleOption.QUARANTINE, "yes")
                .withOption(ModuleOption.QUARANTINE_FROM, "20").withOption(ModuleOption.QUARANTINE_TO, "70");
        return new RuleEditedEvent(RulePresets.DEFAULT_ID, rule.withModule(ProtectionModule.ANTI_SPAM, antiSpam), "test",
                Instant.now());
    }

    private TestGateway gateway(SinkServer sink, LoopbackDnsServer dns, String... extra) {
        List<String> properties = new ArrayList<>(List.of("bulwark.routing.relay-domains=corp.example",
                "bulwark.routing.transport-map.corp.example=[127.0.0.1]:" + sink.port(),
                "bulwark.dns.servers=" + dns.address(),
                "bulwark.antispam.dnsbl[0].symbol=RBL_ONE", "bulwark.antispam.dnsbl[0].zone=one.bl.test",
                "bulwark.antispam.dnsbl[0].weight=30",
                "bulwark.antispam.dnsbl[1].symbol=RBL_TWO", "bulwark.antispam.dnsbl[1].zone=two.bl.test",
                "bulwark.antispam.dnsbl[1].weight=50"));
        properties.addAll(List.of(extra));
        TestGateway gateway = TestGateway.start(data, List.of(QueueControlConfiguration.class),
                properties.toArray(String[]::new));
        gateway.policy().apply(quarantineOn(), 0);
        return gateway;
    }

    private static String send(TestGateway gateway, String subject) throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            String reply = client.send("alice@example.net", "rcpt@corp.example", message(subject));
            assertThat(reply).startsWith("250");
            return reply.substring(reply.lastIndexOf(' ') + 1).strip();
        }
    }

    /** Sends a message the quarantine holds, and waits until it does. */
    private static String sendHeld(TestGateway gateway, String subject) throws Exception {
        String queueId = send(gateway, subject);
        await().until(() -> gateway.bean(SpamQuarantine.class).holds(queueId));
        return queueId;
    }

    @Test
    void aMessageInTheBandIsHeldSurvivesARestartAndIsDeliveredWhenAnAdministratorReleasesIt() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer().a("99.2.0.192.one.bl.test", "127.0.0.2");
                SinkServer sink = SinkServer.start(0)) {
            String queueId;
            try (TestGateway gateway = gateway(sink, dns)) {
                queueId = send(gateway, "notes");
                await().until(() -> !gateway.events().payloads(SpamQuarantineHeldEvent.class).isEmpty());
                SpamQuarantineHeldEvent held = gateway.events().payloads(SpamQuarantineHeldEvent.class).getFirst();
                assertThat(held.queueId()).isEqualTo(queueId);
                assertThat(held.ruleNames()).containsExactly("Default");
                assertThat(held.rating()).isBetween(30.0, 39.0);
                assertThat(held.statuses()).contains(ScanStatus.BLACKLISTED.name());
                assertThat(held.message().clientAddress()).isEqualTo("127.0.0.1");
                assertThat(held.message().recipients()).containsExactly("rcpt@corp.example");
                assertThat(held.actor()).isEqualTo(SpamQuarantineEvents.SYSTEM);
                assertThat(Duration.between(held.at(), held.recheckAt())).isEqualTo(Duration.ofMinutes(60));
                assertThat(gateway.bean(SpamQuarantine.class).holds(queueId)).isTrue();
                // a delivery attempt would come within milliseconds; a second without one means held
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> sink.messages().isEmpty());
            }
            try (TestGateway restarted = gateway(sink, dns)) {
                assertThat(restarted.bean(SpamQuarantine.class).holds(queueId)).isTrue();
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> sink.messages().isEmpty());

                restarted.bean(QueueControl.class).applyAndWait(new QueueActionRequestedEvent("req-1",
                        QueueAction.RELEASE, List.of(queueId), false, null, "admin", Instant.now()));
                await().until(() -> sink.messages().size() == 1);
                assertThat(sink.messages().getFirst().text()).contains("Subject: [Blacklisted] notes");
                SpamQuarantineReleasedEvent released = restarted.events().payloads(SpamQuarantineReleasedEvent.class)
                        .getFirst();
                assertThat(released.actor()).isEqualTo("admin");
                assertThat(released.requestId()).isEqualTo("req-1");
                assertThat(released.ruleNames()).containsExactly("Default");
                assertThat(restarted.bean(SpamQuarantine.class).holds(queueId)).isFalse();
            }
        }
    }

    @Test
    void aHeldMessageIsRecheckedAfterTheDelayWithFresherListsAndDeliveredAsSpam() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer().ttl(0).negativeTtl(0)
                        .a("99.2.0.192.one.bl.test", "127.0.0.2");
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, dns, "bulwark.antispam.quarantine.recheck-delay=2s")) {
            String queueId = send(gateway, "report");
            await().until(() -> !gateway.events().payloads(SpamQuarantineHeldEvent.class).isEmpty());
            assertThat(sink.messages()).isEmpty();
            // fresher data: the second list lists the relay after the message was held
            dns.a("99.2.0.192.two.bl.test", "127.0.0.2");

            await().atMost(Duration.ofSeconds(20)).until(() -> sink.messages().size() == 1);
            assertThat(sink.messages().getFirst().text()).contains("Subject: [Spam] [Blacklisted] report");
            SpamQuarantineRecheckedEvent rechecked = gateway.events().payloads(SpamQuarantineRecheckedEvent.class)
                    .getFirst();
            assertThat(rechecked.queueId()).isEqualTo(queueId);
            assertThat(rechecked.outcome()).isEqualTo(RecheckOutcome.RELEASED);
            assertThat(rechecked.previousRating()).isBetween(30.0, 39.0);
            assertThat(rechecked.verdict().status()).isEqualTo(ScanStatus.SPAM);
            assertThat(rechecked.verdict().score()).isGreaterThanOrEqualTo(70.0);
            assertThat(rechecked.verdict().symbols()).extracting(s -> s.name()).contains("RBL_ONE", "RBL_TWO");
            assertThat(rechecked.deliveredTo()).containsExactly("rcpt@corp.example");
            assertThat(rechecked.deletedFor()).isEmpty();
            assertThat(rechecked.attempt()).isEqualTo(1);
            // the intake's variant (one tag) was replaced by the re-check's (two tags): once
            // delivered, neither file is left in the spool
            java.nio.file.Path spool = gateway.bean(io.bulwark.gateway.spool.Spool.class).directory();
            await().atMost(Duration.ofSeconds(20)).until(() -> filesOf(spool, queueId).isEmpty());
        }
    }

    /**
     * A re-check due before the spool is recovered (an overdue one restored at start-up) waits:
     * recovery removes variant files no entry lists, which the re-check's new ones are until it
     * commits. It runs once delivery has recovered the spool.
     */
    @Test
    void aRecheckWaitsUntilTheSpoolIsRecovered() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer().a("99.2.0.192.one.bl.test", "127.0.0.2");
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, dns)) {
            String queueId = sendHeld(gateway, "early");
            DeliveryScheduler scheduler = gateway.bean(DeliveryScheduler.class);
            scheduler.stop(); // as before the start-up's recovery

            gateway.bean(SpamQuarantine.class).recheck(queueId);
            assertThat(gateway.events().payloads(SpamQuarantineRecheckedEvent.class)).isEmpty();
            assertThat(gateway.bean(SpamQuarantine.class).holds(queueId)).isTrue();

            scheduler.start();
            assertThat(firstRecheck(gateway).queueId()).isEqualTo(queueId);
        }
    }

    /** A re-check never judges, backs up or sends bytes other than the ones committed. */
    @Test
    void aHeldMessageThatNoLongerReadsBackAsCommittedIsNotJudged() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer().a("99.2.0.192.one.bl.test", "127.0.0.2");
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, dns)) {
            String queueId = sendHeld(gateway, "tampered");
            java.nio.file.Path file = gateway.bean(io.bulwark.gateway.spool.Spool.class).directory()
                    .resolve(queueId + ".msg");
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("Subject: tampered");
            assertThat(at).isPositive();
            bytes[at + "Subject: ".length()] = 'T'; // the body, not the metadata: the file still parses
            java.nio.file.Files.write(file, bytes);

            gateway.bean(SpamQuarantine.class).recheck(queueId);

            SpamQuarantineRecheckedEvent recheck = firstRecheck(gateway);
            assertThat(recheck.outcome()).isEqualTo(RecheckOutcome.RETRY);
            assertThat(recheck.reasons()).singleElement().asString().contains("SHA-256");
            assertThat(sink.messages()).isEmpty();
        }
    }

    /** The first re-check's event, once there is one. */
    private static SpamQuarantineRecheckedEvent firstRecheck(TestGateway gateway) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !gateway.events().payloads(SpamQuarantineRecheckedEvent.class).isEmpty());
        return gateway.events().payloads(SpamQuarantineRecheckedEvent.class).getFirst();
    }

    private static List<String> filesOf(java.nio.file.Path spool, String queueId) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(spool)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(queueId + ".")).toList();
        }
    }

    @Test
    void aFullQuarantineDoesNotHoldButDeliversAsTheRuleDecided() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer().a("99.2.0.192.one.bl.test", "127.0.0.2");
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, dns, "bulwark.antispam.quarantine.max-messages=1")) {
            String first = send(gateway, "first");
            await().until(() -> !gateway.events().payloads(SpamQuarantineHeldEvent.class).isEmpty());
            String second = send(gateway, "second");
            await().until(() -> sink.messages().size() == 1);
            assertThat(sink.messages().getFirst().text()).contains("Subject: [Blacklisted] second");
            SpamQuarantineNotHeldEvent notHeld = gateway.events().payloads(SpamQuarantineNotHeldEvent.class).getFirst();
            assertThat(notHeld.queueId()).isEqualTo(second);
            assertThat(notHeld.reason()).isEqualTo("quarantine full: 1 messages");
            assertThat(gateway.bean(SpamQuarantine.class).holds(first)).isTrue();
        }
    }

    @Test
    void aHeldMessageDeletedByAnAdministratorIsNeverDeliveredAndTheQuarantineRecordsIt() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer().a("99.2.0.192.one.bl.test", "127.0.0.2");
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, dns)) {
            String queueId = sendHeld(gateway, "doomed");

            gateway.bean(QueueControl.class).applyAndWait(new QueueActionRequestedEvent("req-del",
                    QueueAction.DELETE, List.of(queueId), false, null, "admin", Instant.now()));

            await().until(() -> !gateway.events().payloads(
                    io.bulwark.events.quarantine.SpamQuarantineDeletedEvent.class).isEmpty());
            var deleted = gateway.events().payloads(io.bulwark.events.quarantine.SpamQuarantineDeletedEvent.class)
                    .getFirst();
            assertThat(deleted.queueId()).isEqualTo(queueId);
            assertThat(deleted.actor()).isEqualTo("admin");
            assertThat(deleted.message().recipients()).containsExactly("rcpt@corp.example");
            assertThat(gateway.events().payloads(io.bulwark.events.queue.QueuedMessageDeletedEvent.class))
                    .extracting(e -> e.queueId()).containsExactly(queueId);
            assertThat(gateway.bean(SpamQuarantine.class).holds(queueId)).isFalse();
            assertThat(sink.messages()).isEmpty();
        }
    }

    @Test
    void aHeldMessageWhoseRechecksFailUntilTheMaximumHoldTimeIsDeliveredAsDecidedAtIntake() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer().ttl(0).negativeTtl(0)
                        .a("99.2.0.192.one.bl.test", "127.0.0.2");
                SinkServer sink = SinkServer.start(0);
                TestGateway gateway = gateway(sink, dns, "bulwark.antispam.quarantine.recheck-delay=1s",
                        "bulwark.antispam.quarantine.max-hold-time=2s")) {
            String queueId = sendHeld(gateway, "stuck");
            // the lists fail from now on: every re-check is a temporary failure (the rule defers)
            dns.servfail("99.2.0.192.one.bl.test").servfail("99.2.0.192.two.bl.test");

            await().atMost(Duration.ofSeconds(20)).until(() -> sink.messages().size() == 1);
            assertThat(sink.messages().getFirst().text()).contains("Subject: [Blacklisted] stuck");
            SpamQuarantineRecheckedEvent retry = gateway.events().payloads(SpamQuarantineRecheckedEvent.class)
                    .getFirst();
            assertThat(retry.outcome()).isEqualTo(RecheckOutcome.RETRY);
            assertThat(retry.verdict()).isNull();
            assertThat(retry.reasons()).singleElement().asString().startsWith("temporary failure");
            var expired = gateway.events().payloads(io.bulwark.events.quarantine.SpamQuarantineExpiredEvent.class)
                    .getFirst();
            assertThat(expired.queueId()).isEqualTo(queueId);
            assertThat(expired.actor()).isEqualTo(SpamQuarantineEvents.SYSTEM);
        }
    }
}
