package io.bulwark.scan.senderauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.CheckResult;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.senderauth.dkim.DkimVerdict.Result;
import io.bulwark.scan.testing.CheckHarness;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DKIM verification vectors (src/test/resources/dkim, each suite with its SOURCE.md and
 * licence) through {@link DkimCheck}, every suite's key records served by its own DNS server on
 * loopback and asked through our {@link DnsjavaLookup}:
 * <ul>
 *   <li>{@code rfc8463}: the RFC 8463 A.3 message, both signatures pass;</li>
 *   <li>{@code stalwart}: six files of key records plus a message, every signature passes at
 *       Stalwart's fixed time 1667843664;</li>
 *   <li>{@code dkimpy}: the two signed messages (pass), and dkimpy's sign-then-verify tests with
 *       its key records: {@code test.txt}, {@code test2.txt} (no k=) pass; {@code badversion.txt},
 *       {@code badk.txt}, {@code test_bad.txt}, {@code test_tlsrpt.txt} must not;</li>
 *   <li>{@code mail-dkim}: 79 messages with {@code EXPECTED.tsv} (Mail::DKIM's pass, fail, invalid
 *       for the message as a whole).</li>
 * </ul>
 * Where a vector's expectation contradicts the RFCs we follow (RFC 8301: no rsa-sha1, no RSA
 * keys under 1024 bits; DomainKeys is not DKIM), the vector is listed in {@link #DEVIATIONS} with
 * the reason. A listed vector must still disagree, so the list cannot go stale; the counts are
 * printed and written to docs/conformance.md.
 */
class DkimConformanceTest {
    /** Stalwart's tests verify at this instant (2022-11-07T17:54:24Z). */
    private static final Instant STALWART_TIME = Instant.ofEpochSecond(1667843664);

    private static final String SHA1 = "rsa-sha1 signature: RFC 8301 3.1 says verifiers must not take it as"
            + " valid (most of these also use 512-bit keys, which RFC 8301 3.2 forbids too); Mail::DKIM"
            + " expects its own verdict, we give permerror";
    private static final String DRAFT = "pre-standard draft signature (no v=, or v=0.5): RFC 6376 3.5 requires"
            + " v=1 and 6.1.1 makes a missing or unknown required tag a PERMFAIL; Mail::DKIM still evaluates"
            + " these, we give permerror (those with rsa-sha1 would be refused by RFC 8301 3.1 as well)";
    private static final String DOMAINKEYS = "DomainKeys (RFC 4870 DomainKey-Signature), not DKIM: the message"
            + " has no DKIM signature, so our result is none";

    /** "suite/vector" -> why our result differs from the suite's expectation. */
    static final Map<String, String> DEVIATIONS = new TreeMap<>();

    private static void deviation(String suite, String reason, String... vectors) {
        for (String v : vectors) {
            DEVIATIONS.put(suite + "/" + v, reason);
        }
    }

    static {
        deviation("stalwart", "Stalwart's fixed test time (1667843664, chosen for 005's x=) is 5.3 hours before"
                + " this signature's t=1667862801; like dkimpy and OpenDKIM we refuse a t= more than 5 minutes"
                + " ahead of our clock (RFC 6376 3.5 allows ignoring such signatures): permerror", "004.txt#1");
        deviation("mail-dkim", SHA1, "good_rfc4871_3.txt", "good_rfc4871_4.txt", "good_1878523.txt",
                "good_83176.txt", "multiple_2.txt", "good_qp_1.txt", "good_qp_2.txt", "good_qp_3.txt",
                "bad_1878954.txt", "goodkey_1.txt", "goodkey_2.txt", "goodkey_3.txt", "goodkey_4.txt");
        deviation("mail-dkim", DRAFT, "good_ietf00_1.txt", "good_ietf00_2.txt", "good_ietf00_3.txt",
                "good_ietf00_4.txt", "good_ietf00_5.txt", "mine_ietf01_1.txt", "mine_ietf01_2.txt",
                "mine_ietf01_3.txt", "mine_ietf01_4.txt", "mine_ietf05_1.txt", "good_ietf01_1.txt",
                "good_ietf01_2.txt", "multiple_1.txt", "bad_ietf01_1.txt", "bad_ietf01_2.txt", "bad_ietf01_3.txt",
                "bad_1.txt", "no_body_1.txt", "no_body_2.txt", "no_body_3.txt");
        deviation("mail-dkim", DOMAINKEYS, "good_dk_gmail.txt", "good_dk_yahoo.txt", "good_dk_1.txt",
                "good_dk_2.txt", "good_dk_3.txt", "good_dk_4.txt", "good_dk_5.txt", "good_dk_6.txt", "good_dk_7.txt",
                "dk_headers_1.txt", "dk_headers_2.txt", "bad_dk_1.txt", "bad_dk_2.txt", "bad_dk_3.txt",
                "bad_dk_4.txt", "bad_dk_5.txt", "dk_multiple_1.txt");
    }

    /** One vector: a message, which signature (or -1: the message as a whole), what is expected. */
    record Vector(String suite, String id, byte[] message, int signature, String expected) {
        @Override
        public String toString() {
            return suite + "/" + id;
        }
    }

    private static final Map<String, Suite> SUITES = new LinkedHashMap<>();

    /** A suite's DNS server and the check on its clock. */
    private record Suite(LoopbackDnsServer server, CheckHarness harness) {
    }

    static Stream<Vector> vectors() {
        List<Vector> all = new ArrayList<>();
        all.addAll(rfc8463());
        all.addAll(stalwart());
        all.addAll(dkimpy());
        all.addAll(mailDkim());
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifiesAsTheVectorExpects(Vector v) {
        String actual = outcome(v);
        String deviation = DEVIATIONS.get(v.toString());
        if (deviation != null) {
            assertThat(actual).as("%s is listed as a deviation (%s) but now gives what the suite expects", v,
                    deviation).isNotEqualTo(v.expected());
            return;
        }
        assertThat(actual).as("%s: %s", v, details(v)).isEqualTo(v.expected());
    }

    @Test
    void countsPerSuite() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        vectors().forEach(v -> {
            int[] c = counts.computeIfAbsent(v.suite(), s -> new int[3]);
            c[0]++;
            boolean deviation = DEVIATIONS.containsKey(v.toString());
            if (deviation) {
                c[2]++;
            } else if (outcome(v).equals(v.expected())) {
                c[1]++;
            }
        });
        counts.forEach((suite, c) -> System.out.printf("DKIM conformance %-10s vectors %3d passed %3d deviations %3d%n",
                suite, c[0], c[1], c[2]));
        assertThat(counts).containsOnlyKeys("rfc8463", "stalwart", "dkimpy", "mail-dkim");
        assertThat(counts.get("rfc8463")).containsExactly(2, 2, 0);
        assertThat(counts.get("stalwart")).containsExactly(8, 7, 1);
        assertThat(counts.get("dkimpy")).containsExactly(10, 10, 0);
        assertThat(counts.get("mail-dkim")).containsExactly(79, 79 - 50, 50);
        assertThat(DEVIATIONS).hasSize(51);
    }

    @Test
    void stalwart004VerifiesAtItsOwnSigningTime() throws Exception {
        vectors().count(); // loads the suites
        String text = TestKeys.text("/dkim/stalwart/004.txt");
        byte[] message = crlf(text.substring(text.indexOf("\n\n") + 2));
        DnsjavaLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(SUITES.get("stalwart").server().address()))
                .withTimeout(Duration.ofMillis(300)));
        io.bulwark.scan.message.RawMessage raw = io.bulwark.scan.message.RawMessage.of(message);
        DkimVerdict verdict = new DkimVerifier(Clock.fixed(Instant.ofEpochSecond(1667862801), ZoneOffset.UTC))
                .verify(raw.fields(), raw.body(), dns.withBudget(5));
        assertThat(verdict.signatures()).extracting(DkimVerdict.Signature::result).containsExactly(Result.PASS);
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (Suite s : SUITES.values()) {
            s.harness().close();
            s.server().close();
        }
    }

    /** pass, fail, invalid (permerror, temperror, neutral, policy) or none, as the vectors say it. */
    private static String outcome(Vector v) {
        CheckResult result = SUITES.get(v.suite()).harness().run(v.message()).result();
        List<DkimVerdict.Signature> signatures = result.detail(DkimVerdict.class).orElseThrow().signatures();
        if (v.signature() >= 0) {
            return signatures.size() > v.signature() ? word(signatures.get(v.signature()).result()) : "none";
        }
        if (signatures.isEmpty()) {
            return "none";
        }
        List<Result> results = signatures.stream().map(DkimVerdict.Signature::result).toList();
        return results.contains(Result.PASS) ? "pass" : results.contains(Result.FAIL) ? "fail" : "invalid";
    }

    private static String details(Vector v) {
        return SUITES.get(v.suite()).harness().run(v.message()).result().detail(DkimVerdict.class).orElseThrow()
                .signatures().stream().map(s -> s.result().keyword() + " d=" + s.domain() + " a=" + s.algorithm()
                        + " (" + s.reason() + ")").toList().toString();
    }

    private static String word(Result r) {
        return switch (r) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case NONE -> "none";
            default -> "invalid";
        };
    }

    private static synchronized Suite suite(String name, Instant now, Consumer<LoopbackDnsServer> zone) {
        return SUITES.computeIfAbsent(name, n -> {
            try {
                LoopbackDnsServer server = new LoopbackDnsServer();
                zone.accept(server);
                DnsjavaLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address()))
                        .withTimeout(Duration.ofMillis(300)));
                Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC);
                CheckHarness harness = new CheckHarness(new DkimCheck(clock),
                        ScanServices.builder().perMessage(DnsLookup.class, () -> dns.withBudget(50)).build());
                return new Suite(server, harness);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void publish(LoopbackDnsServer server, String name, String value) {
        server.txt(name, TestKeys.txtStrings(value));
    }

    private static List<Vector> rfc8463() {
        suite("rfc8463", null, server -> {
            for (String line : TestKeys.text("/dkim/rfc8463/dns-txt-records.txt").split("\n")) {
                publish(server, line.substring(0, line.indexOf(". IN TXT")),
                        line.substring(line.indexOf('"') + 1, line.lastIndexOf('"')));
            }
        });
        byte[] message = TestKeys.resource("/dkim/rfc8463/signed-message.eml");
        return List.of(new Vector("rfc8463", "signed-message.eml#1 ed25519", message, 0, "pass"),
                new Vector("rfc8463", "signed-message.eml#2 rsa", message, 1, "pass"));
    }

    private static List<Vector> stalwart() {
        List<Vector> vectors = new ArrayList<>();
        Map<String, String> records = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            String file = String.format("%03d.txt", i);
            String text = TestKeys.text("/dkim/stalwart/" + file);
            int split = text.indexOf("\n\n");
            for (String line : text.substring(0, split).split("\n")) {
                int space = line.indexOf(' ');
                records.put(line.substring(0, space), line.substring(space + 1).strip());
            }
            byte[] message = crlf(text.substring(split + 2));
            long signatures = text.substring(split + 2).lines().filter(l -> l.startsWith("DKIM-Signature:")).count();
            for (int s = 0; s < signatures; s++) {
                vectors.add(new Vector("stalwart", file + "#" + (s + 1), message, s, "pass"));
            }
        }
        suite("stalwart", STALWART_TIME, server -> records.forEach((name, value) -> publish(server, name, value)));
        return vectors;
    }

    private static List<Vector> dkimpy() {
        String dir = "/dkim/dkimpy/";
        Map<String, String> keyRecords = new LinkedHashMap<>();
        keyRecords.put("test", "test.txt");
        keyRecords.put("test2", "test2.txt");
        keyRecords.put("badversion", "badversion.txt");
        keyRecords.put("badk", "badk.txt");
        keyRecords.put("testbad", "test_bad.txt");
        keyRecords.put("tlsrpt", "test_tlsrpt.txt");
        suite("dkimpy", null, server -> {
            publish(server, "brisbane._domainkey.football.example.com", "v=DKIM1; k=ed25519; "
                    + "p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
            publish(server, "test._domainkey.football.example.com", TestKeys.text(dir + "test.txt").strip());
            publish(server, "sed._domainkey.test.ex", TestKeys.text(dir + "eximtest.dns").strip());
            publish(server, "ed25519test._domainkey.example.com", TestKeys.text(dir + "ed25519test.dns").strip());
            keyRecords.forEach((selector, file) -> publish(server, selector + "._domainkey.example.com",
                    TestKeys.text(dir + file).strip()));
        });
        List<Vector> vectors = new ArrayList<>();
        byte[] signed = crlf(TestKeys.text(dir + "rfc6376.signed.msg"));
        vectors.add(new Vector("dkimpy", "rfc6376.signed.msg#1 ed25519", signed, 0, "pass"));
        vectors.add(new Vector("dkimpy", "rfc6376.signed.msg#2 rsa", signed, 1, "pass"));
        vectors.add(new Vector("dkimpy", "ed25519test2.msg (Exim)", TestKeys.resource(dir + "ed25519test2.msg"), 0,
                "pass"));
        PrivateKey rsa = TestKeys.rsa(dir + "test.private");
        String message = new String(crlf(TestKeys.text(dir + "test.message")), StandardCharsets.ISO_8859_1);
        keyRecords.forEach((selector, file) -> vectors.add(new Vector("dkimpy", "test.message signed, key " + file,
                signedBy(message, new SigningKey("example.com", selector, DkimKeys.RSA_SHA256, rsa, null, null, null)),
                0, selector.startsWith("test") && !selector.equals("testbad") ? "pass" : "invalid")));
        String ed = new String(crlf(TestKeys.text(dir + "ed25519test.msg")), StandardCharsets.ISO_8859_1);
        vectors.add(new Vector("dkimpy", "ed25519test.msg signed, key ed25519test.dns", signedBy(ed,
                new SigningKey("example.com", "ed25519test", DkimKeys.ED25519_SHA256,
                        TestKeys.ed25519(dir + "ed25519test.key"), null, null, null)), 0, "pass"));
        return vectors;
    }

    private static byte[] signedBy(String message, SigningKey key) {
        String field = DkimSigner.sign(message.getBytes(StandardCharsets.ISO_8859_1), key, Instant.now());
        return (field + "\r\n" + message).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Vector> mailDkim() {
        suite("mail-dkim", null, server -> {
            for (String line : TestKeys.text("/dkim/mail-dkim/FAKE_DNS.dat").split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                String[] parts = line.strip().split("\\s+", 2);
                String value = parts.length > 1 ? parts[1].strip() : "";
                switch (value) {
                    case "NXDOMAIN" -> { } // not served: the server answers NXDOMAIN
                    case "~~Query timed out~~" -> server.timeout(parts[0]);
                    case "~~SERVFAIL~~" -> server.servfail(parts[0]);
                    case "\"\"" -> server.txt(parts[0], "");
                    default -> publish(server, parts[0], value);
                }
            }
        });
        List<Vector> vectors = new ArrayList<>();
        for (String line : TestKeys.text("/dkim/mail-dkim/EXPECTED.tsv").split("\n")) {
            String[] columns = line.split("\t");
            if (columns[0].equals("file") || line.isBlank()) {
                continue;
            }
            vectors.add(new Vector("mail-dkim", columns[0], TestKeys.resource("/dkim/mail-dkim/corpus/" + columns[0]),
                    -1, columns[1].strip()));
        }
        return vectors;
    }

    /** Stalwart's and dkimpy's files have LF line ends; the spool holds CRLF. */
    private static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
