package io.bulwark.gateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.events.dkim.DkimKeyCreatedEvent;
import io.bulwark.events.dkim.DkimKeyDeletedEvent;
import io.bulwark.events.rule.Action;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.message.RawMessage;
import io.bulwark.scan.senderauth.dkim.DkimKeys;
import io.bulwark.scan.senderauth.dkim.DkimVerdict;
import io.bulwark.scan.senderauth.dkim.DkimVerifier;
import io.bulwark.store.secrets.MasterKey;
import io.bulwark.store.secrets.SealedKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DKIM signing of outgoing mail over real SMTP: keys stored as the admin backend stores them (sealed
 * in {@code dkim_keys}) reach the gateway through their events; a message from a trusted client
 * arrives at the next hop with a {@code DKIM-Signature} that the project's own verifier (through a
 * DNS server on loopback) and an independent one (dkimpy, Debian's {@code python3-dkim}) accept, over the subject the policy tagged; rotation and deletion
 * change the selector used; an untrusted client's mail and mail of a domain without a key go out
 * unsigned.
 */
class DkimSigningOverSmtpTest {
    private static final String DOMAIN = "corp.example";

    @TempDir
    Path data;

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private SealedKeys vault;

    @BeforeAll
    static void fastAwait() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }

    @BeforeEach
    void setUp() throws Exception {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("dkim-signing");
        vault = new SealedKeys(database, DkimKeyLoader.COLLECTION, MasterKey.loadOrCreate(data.resolve("tls/master.key")));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    /** A key generated and sealed as the admin backend does; returns its creation event and record. */
    private Key created(String keyId, String selector, String type, Instant at) throws Exception {
        KeyPair pair = DkimKeys.generate(type);
        vault.store(keyId, pair.getPrivate(), new Document("domain", DOMAIN).append("selector", selector));
        return new Key(new DkimKeyCreatedEvent(keyId, DOMAIN, selector, type, "GENERATED",
                DkimKeys.dnsRecord(pair.getPublic()), List.of(), null, 7, "admin", at),
                DkimKeys.dnsRecord(pair.getPublic()));
    }

    private record Key(DkimKeyCreatedEvent event, String record) {
    }

    private TestGateway gateway(SinkServer sink) {
        return TestGateway.start(data,
                "bulwark.smtp.tls=off",
                "bulwark.routing.mynetworks=127.0.0.1/32",
                "bulwark.routing.relay-domains=dest.test",
                "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + sink.port(),
                "bulwark.routing.relayhost=[127.0.0.1]:" + sink.port());
    }

    private DkimKeyTracker tracker(TestGateway gateway) throws java.io.IOException {
        return new DkimKeyTracker(gateway.bean(DkimKeyRing.class),
                new DkimKeyLoader(new SealedKeys(database, DkimKeyLoader.COLLECTION,
                        MasterKey.loadOrCreate(data.resolve("tls/master.key")))), () -> null);
    }

    private static String message(String from, String subject) {
        return "From: Alice <" + from + ">\r\nTo: bob@partner.test\r\nSubject: " + subject
                + "\r\nDate: Sat, 05 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + subject.hashCode() + "@corp.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nHello Bob,\r\n\r\n  spaced   line  \r\n"
                + "..a line that starts with a dot\r\n.\r\n";
    }

    private static String send(SinkServer sink, TestGateway gateway, String localAddress, String from, String to,
            String subject) throws Exception {
        int before = sink.messages().size();
        try (SmtpTestClient smtp = new SmtpTestClient(gateway.smtpPort(), true, localAddress)) {
            assertThat(smtp.send(from, to, message(from, subject))).startsWith("250");
        }
        await().until(() -> sink.messages().size() == before + 1);
        return sink.messages().getLast().text();
    }

    private static RuleEditedEvent tagCleanSubjects(String tag) {
        RuleDefinition rule = RulePresets.initialRules().stream().filter(r -> r.ruleId().equals(RulePresets.DEFAULT_ID))
                .findFirst().map(RuleEntry::definition).orElseThrow();
        rule = rule.withModule(ProtectionModule.ANTI_VIRUS, rule.module(ProtectionModule.ANTI_VIRUS)
                .with(ScanStatus.CLEAN, new StatusAction(Action.SKIP, false, tag)));
        return new RuleEditedEvent(RulePresets.DEFAULT_ID, rule, "test", Instant.now());
    }

    @Test
    void outgoingMailIsSignedOverTheDeliveredBytesAndAnIndependentVerifierAcceptsIt() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            gateway.policy().apply(tagCleanSubjects("[checked]"), 0);
            Key ed = created("k-ed", "ed2026", "ed25519", Instant.now());
            Key rsa = created("k-rsa", "rsa2026", "rsa-2048", Instant.now().plusSeconds(1));
            DkimKeyTracker tracker = tracker(gateway);
            tracker.on(ed.event());

            String signedEd = send(sink, gateway, "127.0.0.1", "alice@corp.example", "bob@partner.test", "report");
            assertThat(signedEd).startsWith("DKIM-Signature: v=1; a=ed25519-sha256;");
            assertThat(signedEd).contains("d=corp.example").contains("s=ed2026").contains(" x=");
            assertThat(signedEd).contains("Subject: [checked] report");
            assertThat(ours(signedEd, "ed2026._domainkey.corp.example", ed.record())).isEqualTo("pass");
            assertThat(Dkimpy.verify(signedEd, "ed2026._domainkey.corp.example", ed.record())).isEqualTo("pass");

            // rotation: the newer key signs from the next message on
            tracker.on(rsa.event());
            String signedRsa = send(sink, gateway, "127.0.0.1", "alice@corp.example", "bob@partner.test", "rotated");
            assertThat(signedRsa).startsWith("DKIM-Signature: v=1; a=rsa-sha256;").contains("s=rsa2026");
            assertThat(ours(signedRsa, "rsa2026._domainkey.corp.example", rsa.record())).isEqualTo("pass");
            assertThat(Dkimpy.verify(signedRsa, "rsa2026._domainkey.corp.example", rsa.record())).isEqualTo("pass");
            // a changed byte after signing fails: the verifier really checks
            assertThat(Dkimpy.verify(signedRsa.replace("Hello Bob", "Hello Eve"), "rsa2026._domainkey.corp.example",
                    rsa.record())).isEqualTo("fail");

            // retiring the new key brings the old one back
            tracker.on(new DkimKeyDeletedEvent("k-rsa", DOMAIN, "rsa2026", "admin", Instant.now()));
            assertThat(send(sink, gateway, "127.0.0.1", "alice@corp.example", "bob@partner.test", "back"))
                    .contains("s=ed2026");
        }
    }

    @Test
    void mailFromAnUntrustedClientOrForADomainWithoutAKeyIsNotSigned() throws Exception {
        try (SinkServer sink = SinkServer.start(0); TestGateway gateway = gateway(sink)) {
            tracker(gateway).on(created("k-ed", "s1", "ed25519", Instant.now()).event());

            // 127.0.0.2 is not in mynetworks: inbound mail, even with our domain in From
            String inbound = send(sink, gateway, "127.0.0.2", "alice@corp.example", "bob@dest.test", "inbound");
            assertThat(inbound).doesNotContain("DKIM-Signature");
            // trusted, but the From domain has no key
            String other = send(sink, gateway, "127.0.0.1", "carol@other.example", "bob@partner.test", "other");
            assertThat(other).doesNotContain("DKIM-Signature");
            // a subdomain is signed with its parent's key (aligned under relaxed DMARC alignment)
            String sub = send(sink, gateway, "127.0.0.1", "news@mail.corp.example", "bob@partner.test", "sub");
            assertThat(sub).startsWith("DKIM-Signature:").contains("d=corp.example");
        }
    }

    /**
     * The project's own verifier (the engine of {@code DkimCheck}), asking a real DNS server on
     * loopback that serves the key record; the result keyword of the message's one signature.
     */
    private static String ours(String delivered, String name, String record) throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer()) {
            // published as DNS must: character-strings of at most 255 octets, joined by the verifier
            dns.txt(name, record.split("(?<=\\G.{255})"));
            DnsLookup lookup = DnsjavaLookup.create(DnsSettings.servers(List.of(dns.address()))
                    .withTimeout(Duration.ofSeconds(2)));
            RawMessage raw = RawMessage.of(delivered.getBytes(StandardCharsets.ISO_8859_1));
            DkimVerdict verdict = new DkimVerifier(Clock.systemUTC()).verify(raw.fields(), raw.body(), lookup);
            assertThat(verdict.signatures()).hasSize(1);
            return verdict.signatures().getFirst().result().keyword();
        }
    }

    /** dkimpy ({@code python3-dkim}), run with the key record handed in instead of a DNS lookup. */
    static final class Dkimpy {
        private static final String SCRIPT = String.join("\n",
                "import sys, dkim",
                "name, record = sys.argv[1], sys.argv[2]",
                "def dns(q, timeout=5):",
                "    return record.encode() if q.decode().rstrip('.') == name else None",
                "msg = sys.stdin.buffer.read()",
                "print('pass' if dkim.verify(msg, dnsfunc=dns) else 'fail')");

        static String python() {
            for (String candidate : List.of("/usr/bin/python3", "python3")) {
                try {
                    Process p = new ProcessBuilder(candidate, "-c", "import dkim").redirectErrorStream(true).start();
                    if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        return candidate;
                    }
                } catch (Exception e) {
                    // try the next one
                }
            }
            return null;
        }

        static String verify(String message, String name, String record) throws Exception {
            String python = python();
            Assumptions.assumeTrue(python != null, "dkimpy (python3-dkim) is not installed; .ci/run installs it");
            Path file = Files.createTempFile("dkim", ".eml");
            try {
                Files.writeString(file, message, StandardCharsets.ISO_8859_1);
                Process p = new ProcessBuilder(python, "-c", SCRIPT, name, record).redirectInput(file.toFile())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                return out.lines().reduce((a, b) -> b).orElse("");
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
