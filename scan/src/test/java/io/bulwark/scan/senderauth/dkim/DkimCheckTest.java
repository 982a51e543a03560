package io.bulwark.scan.senderauth.dkim;

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
import io.bulwark.scan.message.RawMessage;
import io.bulwark.scan.senderauth.dkim.DkimVerdict.Result;
import io.bulwark.scan.testing.CheckHarness;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DKIM check through the pipeline and the module judge, keys served by a loopback DNS server.
 * Messages are signed here with {@link DkimSigner} (fresh keys) or are the RFC 8463 example.
 */
class DkimCheckTest {
    private static final Instant NOW = Instant.parse("2026-01-10T10:00:00Z");
    private static final String MESSAGE = "From: Alice <alice@example.com>\r\nTo: bob@corp.example\r\n"
            + "Subject: quarterly figures\r\nDate: Sat, 10 Jan 2026 10:00:00 +0000\r\n\r\n"
            + "Figures attached.\r\n\r\nAlice\r\n";

    private LoopbackDnsServer server;
    private static final KeyPair ED25519 = DkimKeys.generate("ed25519");
    private static final KeyPair RSA = DkimKeys.generate("rsa-2048");

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private CheckHarness harness() {
        return harness(50);
    }

    private CheckHarness harness(int budget) {
        DnsjavaLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address()))
                .withTimeout(Duration.ofMillis(500)));
        return new CheckHarness(new DkimCheck(Clock.fixed(NOW, ZoneOffset.UTC)),
                ScanServices.builder().perMessage(DnsLookup.class, () -> dns.withBudget(budget)).build());
    }

    private void publish(String selector, String domain, String record) {
        server.txt(selector + "._domainkey." + domain, TestKeys.txtStrings(record));
    }

    private static SigningKey key(String selector, KeyPair pair, String canonicalization) {
        return new SigningKey("example.com", selector, DkimKeys.algorithmOf(pair.getPublic()), pair.getPrivate(),
                null, canonicalization, null);
    }

    private static byte[] signed(String message, SigningKey key, Instant when) {
        String field = DkimSigner.sign(message.getBytes(StandardCharsets.ISO_8859_1), key, when);
        return (field + "\r\n" + message).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A signature made with explicit tags (for ones our public signer never makes). */
    private static byte[] signedWith(String message, SigningKey key, Map<String, String> extra, List<String> names) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("v", "1");
        tags.put("a", key.algorithm());
        tags.put("c", key.canonicalization());
        tags.put("d", key.domain());
        tags.put("s", key.selector());
        tags.putAll(extra);
        tags.putIfAbsent("h", String.join(":", names));
        byte[] raw = message.getBytes(StandardCharsets.ISO_8859_1);
        String field = DkimSigner.sign(RawMessage.of(raw), key, tags, names);
        return (field + "\r\n" + message).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static DkimVerdict verdictOf(CheckResult result) {
        return result.detail(DkimVerdict.class).orElseThrow();
    }

    private static List<String> symbolNames(CheckResult result) {
        return result.symbols().stream().map(Symbol::name).toList();
    }

    @Test
    void theRfc8463ExamplePassesWithBothSignaturesAndOneAuthenticationResultEach() {
        for (String line : TestKeys.text("/dkim/rfc8463/dns-txt-records.txt").split("\n")) {
            String name = line.substring(0, line.indexOf(". IN TXT"));
            String value = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
            server.txt(name, TestKeys.txtStrings(value));
        }
        byte[] message = TestKeys.resource("/dkim/rfc8463/signed-message.eml");
        try (CheckHarness h = harness()) {
            CheckResult result = h.run(message).result();
            assertThat(verdictOf(result).signatures()).extracting(DkimVerdict.Signature::result,
                    DkimVerdict.Signature::algorithm).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Result.PASS, "ed25519-sha256"),
                            org.assertj.core.groups.Tuple.tuple(Result.PASS, "rsa-sha256"));
            assertThat(verdictOf(result).passingDomains()).containsExactly("football.example.com");
            assertThat(symbolNames(result)).containsExactly(DkimCheck.DKIM_PASS);
            assertThat(result.headers()).containsExactly(
                    new HeaderContribution.AuthenticationResult("dkim", "pass", "", Map.of("header.d",
                            "football.example.com", "header.s", "brisbane", "header.b", "/gCrinpc")),
                    new HeaderContribution.AuthenticationResult("dkim", "pass", "", Map.of("header.d",
                            "football.example.com", "header.s", "test", "header.b", "F45dVWDf")));
            assertThat(h.verdict(message).status()).isEqualTo(ScanStatus.PASS);
        }
    }

    @Test
    void anAlteredBodyFailsAndImpliesTheDkimFailStatus() {
        publish("ed", "example.com", DkimKeys.dnsRecord(ED25519.getPublic()));
        byte[] message = new String(signed(MESSAGE, key("ed", ED25519, "relaxed/relaxed"), NOW),
                StandardCharsets.ISO_8859_1).replace("Figures attached.", "Pay invoice 7781 today.")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (CheckHarness h = harness()) {
            CheckResult result = h.run(message).result();
            assertThat(verdictOf(result).signatures()).singleElement()
                    .extracting(DkimVerdict.Signature::result, DkimVerdict.Signature::reason)
                    .containsExactly(Result.FAIL, "body hash did not verify (the body changed after signing)");
            assertThat(symbolNames(result)).containsExactly(DkimCheck.DKIM_FAIL);
            assertThat(h.verdict(message).status()).isEqualTo(ScanStatus.DKIM_FAIL);
        }
    }

    @Test
    void anUnsignedMessageIsNoneAndNoFailure() {
        byte[] message = MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
        try (CheckHarness h = harness()) {
            CheckResult result = h.run(message).result();
            assertThat(symbolNames(result)).containsExactly(DkimCheck.DKIM_NONE);
            assertThat(verdictOf(result).signatures()).isEmpty();
            assertThat(result.headers()).containsExactly(
                    new HeaderContribution.AuthenticationResult("dkim", "none", "", Map.of()));
            assertThat(h.verdict(message).status()).isEqualTo(ScanStatus.PASS);
            assertThat(server.queryCount()).isZero();
        }
    }

    @Test
    void aKeyLookupThatFailsTemporarilyIsATemporaryFailureNeverAFail() {
        server.servfail("rsa._domainkey.example.com");
        byte[] message = signed(MESSAGE, key("rsa", RSA, "simple/simple"), NOW);
        try (CheckHarness h = harness()) {
            CheckResult result = h.run(message).result();
            assertThat(result.outcome()).isEqualTo(CheckOutcomeKind.TEMPORARY_FAILURE);
            assertThat(verdictOf(result).signatures()).singleElement()
                    .extracting(DkimVerdict.Signature::result).isEqualTo(Result.TEMPERROR);
            assertThat(h.verdict(message).status()).isNotEqualTo(ScanStatus.DKIM_FAIL);
        }
    }

    @Test
    void onePassingSignatureOutweighsABrokenOneAndATemporaryOneIsNoted() {
        publish("ed", "example.com", DkimKeys.dnsRecord(ED25519.getPublic()));
        server.timeout("rsa._domainkey.example.com");
        String bad = new String(signed(MESSAGE, key("ed", ED25519, "relaxed/relaxed"), NOW), StandardCharsets.ISO_8859_1)
                .replace("b=", "b=AAAA");
        byte[] message = signed(new String(signed(bad, key("rsa", RSA, "relaxed/relaxed"), NOW),
                StandardCharsets.ISO_8859_1), key("ed", ED25519, "relaxed/relaxed"), NOW);
        try (CheckHarness h = harness()) {
            CheckResult result = h.run(message).result();
            assertThat(verdictOf(result).signatures()).extracting(DkimVerdict.Signature::result)
                    .containsExactly(Result.PASS, Result.TEMPERROR, Result.FAIL);
            assertThat(symbolNames(result)).containsExactly(DkimCheck.DKIM_PASS, DkimCheck.DKIM_TEMPERROR);
            assertThat(h.verdict(message).status()).isEqualTo(ScanStatus.PASS);
        }
    }

    @Test
    void rsaSha1AndShortRsaKeysArePermanentErrorsAsRfc8301Says() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        KeyPair shortKey = generator.generateKeyPair();
        publish("short", "example.com", DkimKeys.dnsRecord(shortKey.getPublic()));
        publish("rsa", "example.com", DkimKeys.dnsRecord(RSA.getPublic()));
        String sha1 = new String(signed(MESSAGE, key("rsa", RSA, "relaxed/relaxed"), NOW), StandardCharsets.ISO_8859_1)
                .replace("a=rsa-sha256", "a=rsa-sha1");
        byte[] message = signed(sha1, key("short", shortKey, "relaxed/relaxed"), NOW);
        try (CheckHarness h = harness()) {
            CheckResult result = h.run(message).result();
            assertThat(verdictOf(result).signatures()).extracting(DkimVerdict.Signature::result,
                    DkimVerdict.Signature::reason).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Result.PERMERROR,
                                    "the RSA key is 512 bits, under the 1024 RFC 8301 3.2 requires"),
                            org.assertj.core.groups.Tuple.tuple(Result.PERMERROR,
                                    "rsa-sha1 signatures are not accepted (RFC 8301 3.1)"));
            assertThat(symbolNames(result)).containsExactly(DkimCheck.DKIM_PERMERROR);
            assertThat(h.verdict(message).status()).isEqualTo(ScanStatus.PASS);
        }
    }

    @Test
    void contentAfterTheSignedLengthIsReportedAndNotAPass() {
        publish("ed", "example.com", DkimKeys.dnsRecord(ED25519.getPublic()));
        String body = MESSAGE.substring(MESSAGE.indexOf("\r\n\r\n") + 4);
        SigningKey key = key("ed", ED25519, "simple/simple");
        String signed = new String(signedWith(MESSAGE, key, Map.of("l", Integer.toString(body.length())),
                List.of("From", "To", "Subject")), StandardCharsets.ISO_8859_1);
        String appended = "Also: wire the money to IBAN XX00 0000.\r\n";
        try (CheckHarness h = harness()) {
            DkimVerdict.Signature whole = verdictOf(h.run(signed.getBytes(StandardCharsets.ISO_8859_1)).result())
                    .signatures().getFirst();
            assertThat(whole.result()).isEqualTo(Result.PASS);
            assertThat(whole.unsignedTail()).isZero();

            byte[] tampered = (signed + appended).getBytes(StandardCharsets.ISO_8859_1);
            CheckResult result = h.run(tampered).result();
            DkimVerdict.Signature s = verdictOf(result).signatures().getFirst();
            assertThat(s.result()).isEqualTo(Result.POLICY);
            assertThat(s.unsignedTail()).isEqualTo(appended.length());
            assertThat(s.reason()).contains("covers only the first " + body.length() + " octets",
                    appended.length() + " octets after them are unsigned");
            assertThat(symbolNames(result)).containsExactly(DkimCheck.DKIM_FAIL);
        }
    }

    @Test
    void signatureAndKeyRulesGivePermanentErrorsWithTheirReasons() {
        SigningKey ed = key("ed", ED25519, "relaxed/relaxed");
        publish("ed", "example.com", DkimKeys.dnsRecord(ED25519.getPublic()));
        publish("strict", "example.com", DkimKeys.dnsRecord(ED25519.getPublic()) + "; t=s");
        publish("sha1only", "example.com", DkimKeys.dnsRecord(ED25519.getPublic()) + "; h=sha1");
        publish("web", "example.com", DkimKeys.dnsRecord(ED25519.getPublic()) + "; s=web");
        publish("rsatype", "example.com", DkimKeys.dnsRecord(RSA.getPublic()));
        publish("revoked", "example.com", "v=DKIM1; k=ed25519; p=");
        List<String> from = List.of("From", "Subject");
        Map<String, String> cases = new LinkedHashMap<>();
        long now = NOW.getEpochSecond();
        cases.put("signature expired at x=" + (now - 10),
                text(signedWith(MESSAGE, ed, Map.of("t", "" + (now - 100), "x", "" + (now - 10)), from)));
        cases.put("signature timestamp t=" + (now + 3600) + " is in the future",
                text(signedWith(MESSAGE, ed, Map.of("t", "" + (now + 3600)), from)));
        cases.put("identity i=bob@example.net is not within d=example.com (RFC 6376 3.5)",
                text(signedWith(MESSAGE, ed, Map.of("i", "bob@example.net"), from)));
        cases.put("h= does not include From (RFC 6376 5.4)",
                text(signedWith(MESSAGE, ed, Map.of(), List.of("Subject", "To"))));
        cases.put("the key has t=s but i= is in a subdomain of example.com",
                text(signedWith(MESSAGE, key("strict", ED25519, "relaxed/relaxed"),
                        Map.of("i", "@mail.example.com"), from)));
        cases.put("the key record's h=sha1 does not allow sha256",
                text(signedWith(MESSAGE, key("sha1only", ED25519, "relaxed/relaxed"), Map.of(), from)));
        cases.put("the key record's s=web does not include email",
                text(signedWith(MESSAGE, key("web", ED25519, "relaxed/relaxed"), Map.of(), from)));
        cases.put("the key is k=rsa, the signature is ed25519-sha256",
                text(signedWith(MESSAGE, key("rsatype", ED25519, "relaxed/relaxed"), Map.of(), from)));
        cases.put("the key revoked of example.com is revoked (empty p=)",
                text(signedWith(MESSAGE, key("revoked", ED25519, "relaxed/relaxed"), Map.of(), from)));
        cases.put("no key record at missing._domainkey.example.com (NXDOMAIN)",
                text(signedWith(MESSAGE, key("missing", ED25519, "relaxed/relaxed"), Map.of(), from)));
        cases.put("version v=2 is not 1",
                text(signedWith(MESSAGE, ed, Map.of(), from)).replace("v=1;", "v=2;"));
        try (CheckHarness h = harness()) {
            cases.forEach((reason, message) -> {
                CheckResult result = h.run(message.getBytes(StandardCharsets.ISO_8859_1)).result();
                assertThat(verdictOf(result).signatures()).as(reason).singleElement()
                        .extracting(DkimVerdict.Signature::result, DkimVerdict.Signature::reason)
                        .containsExactly(Result.PERMERROR, reason);
                assertThat(symbolNames(result)).as(reason).containsExactly(DkimCheck.DKIM_PERMERROR);
            });
            // the same signature with a valid i= in a subdomain and a non-strict key passes
            CheckResult ok = h.run(signedWith(MESSAGE, ed, Map.of("i", "alice@mail.example.com"), from)).result();
            assertThat(verdictOf(ok).signatures().getFirst().result()).isEqualTo(Result.PASS);
            assertThat(verdictOf(ok).signatures().getFirst().identity()).isEqualTo("alice@mail.example.com");
        }
    }

    @Test
    void aSpentDnsBudgetLeavesTheSignatureUnevaluatedNotFailed() {
        publish("ed", "example.com", DkimKeys.dnsRecord(ED25519.getPublic()));
        byte[] message = signed(MESSAGE, key("ed", ED25519, "relaxed/relaxed"), NOW);
        try (CheckHarness h = harness(0)) {
            CheckResult result = h.run(message).result();
            assertThat(verdictOf(result).signatures().getFirst().result()).isEqualTo(Result.NEUTRAL);
            assertThat(symbolNames(result)).containsExactly(DkimCheck.DKIM_PERMERROR);
        }
    }

    @Test
    void signaturesWithTheSameKeyCostOneQuery() {
        publish("ed", "example.com", DkimKeys.dnsRecord(ED25519.getPublic()));
        SigningKey key = key("ed", ED25519, "relaxed/relaxed");
        byte[] message = signed(new String(signed(MESSAGE, key, NOW), StandardCharsets.ISO_8859_1), key, NOW);
        try (CheckHarness h = harness()) {
            assertThat(verdictOf(h.run(message).result()).signatures()).extracting(DkimVerdict.Signature::result)
                    .containsExactly(Result.PASS, Result.PASS);
            assertThat(server.queryCount()).isEqualTo(1);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void signaturesBeyondTheLimitAreLeftUnevaluated() {
        publish("ed", "example.com", DkimKeys.dnsRecord(ED25519.getPublic()));
        SigningKey key = key("ed", ED25519, "relaxed/relaxed");
        String message = MESSAGE;
        for (int i = 0; i <= DkimVerifier.MAX_SIGNATURES; i++) {
            message = text(signed(message, key, NOW));
        }
        try (CheckHarness h = harness()) {
            List<DkimVerdict.Signature> signatures = verdictOf(h.run(message.getBytes(StandardCharsets.ISO_8859_1))
                    .result()).signatures();
            assertThat(signatures).hasSize(DkimVerifier.MAX_SIGNATURES + 1);
            assertThat(signatures.subList(0, DkimVerifier.MAX_SIGNATURES)).allMatch(s -> s.result() == Result.PASS);
            assertThat(signatures.getLast().result()).isEqualTo(Result.NEUTRAL);
            assertThat(signatures.getLast().reason()).isEqualTo("not evaluated: the message has more than 10 signatures");
        }
    }
}
