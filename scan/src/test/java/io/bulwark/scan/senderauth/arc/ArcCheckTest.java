package io.bulwark.scan.senderauth.arc;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.HeaderContribution;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.message.RawMessage;
import io.bulwark.scan.senderauth.dkim.DkimKeys;
import io.bulwark.scan.senderauth.dkim.internal.Canonicalization;
import io.bulwark.scan.senderauth.dkim.internal.DkimCrypto;
import io.bulwark.scan.senderauth.dkim.internal.HeaderSelection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ARC check through the pipeline and the module judge on Stalwart's two-hop chain
 * (resources arc/stalwart/002.txt: i=1 sealed by scamorza.org with ed25519, i=2 by manchego.org
 * with RSA), keys from a loopback DNS server.
 */
class ArcCheckTest {
    private static final String FILE = ArcConformanceTest.text("/arc/stalwart/002.txt");
    private static final byte[] CHAIN = ArcConformanceTest.crlf(FILE.substring(FILE.indexOf("\n\n") + 2));

    private LoopbackDnsServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void publishKeys() {
        for (String line : FILE.substring(0, FILE.indexOf("\n\n")).split("\n")) {
            int space = line.indexOf(' ');
            server.txt(line.substring(0, space), line.substring(space + 1).strip());
        }
    }

    private CheckHarness harness() {
        DnsjavaLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address()))
                .withTimeout(Duration.ofMillis(300)));
        return new CheckHarness(new ArcCheck(),
                ScanServices.builder().perMessage(DnsLookup.class, () -> dns.withBudget(20)).build());
    }

    @Test
    void aValidTwoHopChainPassesWithItsSealersAndTheirResultsForDmarc() {
        publishKeys();
        try (CheckHarness h = harness()) {
            CheckResult result = h.run(CHAIN).result();
            assertThat(result.symbols()).extracting(Symbol::name).containsExactly(ArcCheck.ARC_PASS);
            ArcVerdict verdict = result.detail(ArcVerdict.class).orElseThrow();
            assertThat(verdict.hops()).extracting(ArcVerdict.Hop::instance, ArcVerdict.Hop::sealer)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "scamorza.org"),
                            org.assertj.core.groups.Tuple.tuple(2, "manchego.org"));
            assertThat(verdict.hops().getFirst().authenticationResults()).startsWith("scamorza.org;")
                    .doesNotContain("\r", "\n");
            assertThat(result.headers()).containsExactly(new HeaderContribution.AuthenticationResult("arc", "pass",
                    "", Map.of("header.oldest-pass", "0")));
            assertThat(h.verdict(CHAIN).status()).isEqualTo(ScanStatus.PASS);
        }
    }

    @Test
    void aBodyChangedAfterTheLastHopFailsTheChainWithTheReasonButNoStatus() {
        publishKeys();
        byte[] changed = (new String(CHAIN, StandardCharsets.ISO_8859_1) + "Unsubscribe: click here\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (CheckHarness h = harness()) {
            CheckResult result = h.run(changed).result();
            assertThat(result.symbols()).extracting(Symbol::name).containsExactly(ArcCheck.ARC_FAIL);
            assertThat(result.detail(ArcVerdict.class).orElseThrow().reason())
                    .isEqualTo("ARC-Message-Signature i=2: body hash did not verify");
            assertThat(result.headers()).containsExactly(new HeaderContribution.AuthenticationResult("arc", "fail",
                    "ARC-Message-Signature i=2: body hash did not verify", Map.of()));
            assertThat(h.verdict(changed).status()).isEqualTo(ScanStatus.PASS);
        }
    }

    @Test
    void aRemovedSetBreaksTheStructure() {
        publishKeys();
        String text = new String(CHAIN, StandardCharsets.ISO_8859_1);
        String withoutSeal1 = text.replaceFirst("ARC-Seal: i=1;[^\\r]*\\r\\n([ \\t][^\\r]*\\r\\n)*", "");
        try (CheckHarness h = harness()) {
            CheckResult result = h.run(withoutSeal1.getBytes(StandardCharsets.ISO_8859_1)).result();
            assertThat(result.detail(ArcVerdict.class).orElseThrow())
                    .extracting(ArcVerdict::result, ArcVerdict::reason)
                    .containsExactly(ArcVerdict.Result.FAIL, "ARC set i=1 lacks its ARC-Seal");
            assertThat(server.queryCount()).as("structure is checked before any key lookup").isZero();
        }
    }

    @Test
    void aMessageWithoutArcIsNone() {
        byte[] plain = "From: a@example.com\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.ISO_8859_1);
        try (CheckHarness h = harness()) {
            CheckResult result = h.run(plain).result();
            assertThat(result.symbols()).extracting(Symbol::name).containsExactly(ArcCheck.ARC_NONE);
            assertThat(result.detail(ArcVerdict.class)).contains(ArcVerdict.none());
            assertThat(result.headers()).containsExactly(
                    new HeaderContribution.AuthenticationResult("arc", "none", "", Map.of()));
        }
    }

    @Test
    void aKeyLookupThatFailsTemporarilyIsATemporaryFailure() {
        publishKeys();
        server.servfail("rsa._domainkey.manchego.org");
        try (CheckHarness h = harness()) {
            CheckResult result = h.run(CHAIN).result();
            assertThat(result.outcome()).isEqualTo(CheckOutcomeKind.TEMPORARY_FAILURE);
            assertThat(result.reason()).contains("rsa._domainkey.manchego.org", "failed temporarily");
        }
    }

    @Test
    void aHopThatChangedTheMessageMovesOldestPassToTheNextHop() {
        KeyPair list = DkimKeys.generate("ed25519");
        KeyPair gateway = DkimKeys.generate("ed25519");
        server.txt("arc._domainkey.list.example", DkimKeys.dnsRecord(list.getPublic()));
        server.txt("arc._domainkey.gw.example", DkimKeys.dnsRecord(gateway.getPublic()));
        String message = "From: alice@example.com\r\nSubject: minutes\r\n\r\nMinutes attached.\r\n";
        String hop1 = seal(message, 1, list, "list.example", "none");
        String changed = hop1.replace("Subject: minutes", "Subject: [team] minutes");
        String hop2 = seal(changed, 2, gateway, "gw.example", "pass");
        try (CheckHarness h = harness()) {
            CheckResult intact = h.run(seal(hop1, 2, gateway, "gw.example", "pass")
                    .getBytes(StandardCharsets.ISO_8859_1)).result();
            assertThat(intact.headers()).containsExactly(new HeaderContribution.AuthenticationResult("arc", "pass",
                    "", Map.of("header.oldest-pass", "0")));

            CheckResult result = h.run(hop2.getBytes(StandardCharsets.ISO_8859_1)).result();
            assertThat(result.symbols()).extracting(Symbol::name).containsExactly(ArcCheck.ARC_PASS);
            assertThat(result.headers()).containsExactly(new HeaderContribution.AuthenticationResult("arc", "pass",
                    "", Map.of("header.oldest-pass", "2")));

            String forged = hop2.replaceFirst("cv=pass", "cv=none");
            assertThat(h.run(forged.getBytes(StandardCharsets.ISO_8859_1)).result().detail(ArcVerdict.class)
                    .orElseThrow().reason()).isEqualTo("ARC-Seal i=2 has cv=none, RFC 8617 5.2 requires cv=pass");
        }
    }

    /**
     * A minimal ARC sealer for tests (RFC 8617 5.1): adds AAR, AMS (relaxed/relaxed over From,
     * Subject and the AAR) and AS (over every set up to this one) for instance {@code i}.
     */
    private static String seal(String message, int i, KeyPair key, String domain, String cv) {
        String aar = "ARC-Authentication-Results: i=" + i + "; " + domain + "; dkim=pass header.d=example.com\r\n";
        RawMessage raw = RawMessage.of((aar + message).getBytes(StandardCharsets.ISO_8859_1));
        String bh = Base64.getEncoder().encodeToString(
                Canonicalization.RELAXED.hashBody(raw.body(), -1, DkimCrypto.sha256()).digest());
        String amsUnsigned = "ARC-Message-Signature: i=" + i + "; a=ed25519-sha256; c=relaxed/relaxed; d=" + domain
                + "; s=arc;\r\n h=from:subject:arc-authentication-results; bh=" + bh + "; b=";
        byte[] amsData = HeaderSelection.hashInput(Canonicalization.RELAXED, raw.fields(),
                List.of("from", "subject", "arc-authentication-results"), amsUnsigned);
        String ams = amsUnsigned + sign(key, amsData) + "\r\n";

        ByteArrayOutputStream sealData = new ByteArrayOutputStream();
        List<HeaderField> fields = RawMessage.of(message.getBytes(StandardCharsets.ISO_8859_1)).fields();
        for (int j = 1; j < i; j++) {
            for (String name : List.of("ARC-Authentication-Results", "ARC-Message-Signature", "ARC-Seal")) {
                String prefix = " i=" + j + ";";
                HeaderField f = fields.stream().filter(x -> x.name().equalsIgnoreCase(name))
                        .filter(x -> x.raw().toString(StandardCharsets.ISO_8859_1).contains(prefix)).findFirst()
                        .orElseThrow();
                Canonicalization.RELAXED.header(f.raw().toString(StandardCharsets.ISO_8859_1), true, sealData);
            }
        }
        Canonicalization.RELAXED.header(aar, true, sealData);
        Canonicalization.RELAXED.header(ams, true, sealData);
        String sealUnsigned = "ARC-Seal: i=" + i + "; a=ed25519-sha256; cv=" + cv + "; d=" + domain + "; s=arc; b=";
        Canonicalization.RELAXED.header(sealUnsigned, false, sealData);
        String seal = sealUnsigned + sign(key, sealData.toByteArray()) + "\r\n";
        return seal + ams + aar + message;
    }

    private static String sign(KeyPair key, byte[] data) {
        return Base64.getEncoder().encodeToString(DkimCrypto.sign(DkimCrypto.ED25519_SHA256, key.getPrivate(), data));
    }
}
