package io.bulwark.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.scan.BuiltInChecks;
import io.bulwark.scan.Check;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.headers.HeaderStage;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.pipeline.CheckPipeline;
import io.bulwark.scan.senderauth.dkim.DkimKeys;
import io.bulwark.scan.senderauth.dkim.DkimSigner;
import io.bulwark.scan.senderauth.dkim.SigningKey;
import io.bulwark.scan.testing.TestMessages;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in DKIM check in the DATA stage: it runs where the rule has sender authentication on
 * (off in the factory rules) and its result reaches the module verdict and the delivered
 * message's {@code Authentication-Results}. Keys come from a loopback DNS server.
 */
class DkimAtDataTest {
    private static final KeyPair KEY = DkimKeys.generate("ed25519");
    private static final Envelope ENVELOPE = new Envelope("sender@example.net", List.of("rcpt@corp.example"),
            "192.0.2.10", "mx.example.net");

    private LoopbackDnsServer dns;
    private CheckPipeline pipeline;
    private DataPhaseProcessor processor;
    private List<RuleEntry> rules;

    @BeforeEach
    void start() throws Exception {
        dns = new LoopbackDnsServer();
        String record = DkimKeys.dnsRecord(KEY.getPublic());
        dns.txt("gw._domainkey.example.net", record);
        DnsLookup lookup = DnsjavaLookup.create(DnsSettings.servers(List.of(dns.address()))
                .withTimeout(Duration.ofMillis(300)));
        List<Check> checks = BuiltInChecks.all("mx.corp.example");
        pipeline = new CheckPipeline(checks, SymbolRegistry.of(checks, Map.of()), Map.of(),
                ScanServices.builder().perMessage(DnsLookup.class, () -> lookup.withBudget(20)).build());
        rules = new ArrayList<>(RulePresets.initialRules());
        processor = new DataPhaseProcessor(pipeline, new MessageViewParser(), new MessageTransformer(),
                new HeaderStage("mx.corp.example"), () -> new PolicySnapshot(rules, GlobalListsView.empty()));
    }

    @AfterEach
    void stop() throws Exception {
        pipeline.close();
        dns.close();
    }

    private void senderAuthenticationOn() {
        RuleEntry def = rules.remove(2);
        rules.add(def.withDefinition(def.definition().withModule(ProtectionModule.SENDER_AUTHENTICATION,
                new ModuleSettings(true, Map.of()))));
    }

    private static byte[] signed() {
        byte[] message = TestMessages.plain("Figures", "The figures are attached.");
        SigningKey key = new SigningKey("example.net", "gw", DkimKeys.ED25519_SHA256, KEY.getPrivate(), null, null,
                null);
        String field = DkimSigner.sign(message, key, Instant.now());
        return (field + "\r\n" + new String(message, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aValidSignatureIsStampedAsDkimPassOnTheDeliveredMessage() {
        senderAuthenticationOn();
        DataPhaseResult r = processor.process(signed(), ENVELOPE);

        assertThat(r.report().verdict(ProtectionModule.SENDER_AUTHENTICATION).orElseThrow().symbols())
                .extracting(s -> s.name()).contains("DKIM_PASS");
        String stamp = new String(r.headerPrefixes().getFirst(), StandardCharsets.ISO_8859_1);
        assertThat(stamp).containsPattern("Authentication-Results: mx.corp.example;[^\\r]*(\\r\\n[ \\t][^\\r]*)*"
                + "dkim=pass[\\s]+header.d=example.net[\\s]+header.s=gw");
    }

    @Test
    void anAlteredSignedMessageGetsTheDkimFailStatus() {
        senderAuthenticationOn();
        byte[] altered = new String(signed(), StandardCharsets.ISO_8859_1).replace("attached", "in the link")
                .getBytes(StandardCharsets.ISO_8859_1);
        DataPhaseResult r = processor.process(altered, ENVELOPE);

        assertThat(r.report().verdict(ProtectionModule.SENDER_AUTHENTICATION).orElseThrow().status())
                .isEqualTo(ScanStatus.DKIM_FAIL);
    }

    @Test
    void withSenderAuthenticationOffNoKeyIsLookedUp() {
        DataPhaseResult r = processor.process(signed(), ENVELOPE);

        assertThat(r.report().verdict(ProtectionModule.SENDER_AUTHENTICATION)).isEmpty();
        assertThat(dns.queryCount()).isZero();
    }
}
