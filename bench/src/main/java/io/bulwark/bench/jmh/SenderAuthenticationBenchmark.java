package io.bulwark.bench.jmh;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.gateway.scan.BuiltInChecks;
import io.bulwark.scan.Check;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.TrustedNetworks;
import io.bulwark.scan.pipeline.CheckPipeline;
import io.bulwark.scan.pipeline.ScanResults;
import io.bulwark.scan.senderauth.dkim.DkimKeys;
import io.bulwark.scan.senderauth.dkim.DkimSigner;
import io.bulwark.scan.senderauth.dkim.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sender authentication with a warm DNS cache: the four checks (SPF with its HELO identity, DKIM,
 * ARC, DMARC) run by the check pipeline as the gateway runs them, one message per operation, its
 * DNS answered from the node's cache after the first operation (a loopback server holds the
 * zone; {@link #setUp} warms the cache). What is measured is the checks' own cost: jSPF's
 * evaluation, canonicalisation and hashing, the signature verification, DMARC's alignment.
 *
 * <ul>
 *   <li>{@code unsigned}: SPF pass, no DKIM signature, DMARC pass through SPF;</li>
 *   <li>{@code rsa2048}: the same message DKIM-signed with RSA-2048 (relaxed/relaxed);</li>
 *   <li>{@code ed25519}: signed with Ed25519.</li>
 * </ul>
 * The messages are small (a 2 KB text body), as most mail is; the body hash grows with size at
 * SHA-256 speed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SenderAuthenticationBenchmark {
    private static final Set<ProtectionModule> AUTH = EnumSet.of(ProtectionModule.SENDER_AUTHENTICATION);

    private LoopbackDnsServer dns;
    private CheckPipeline pipeline;
    private MessageView unsigned;
    private MessageView rsa;
    private MessageView ed25519;
    private long warmQueries;
    private final Envelope envelope = new Envelope("news@example.net", List.of("rcpt@corp.example"),
            "192.0.2.25", "mail.example.net");

    @Setup
    public void setUp() throws Exception {
        KeyPair rsaKey = DkimKeys.generate("rsa-2048");
        KeyPair edKey = DkimKeys.generate("ed25519");
        dns = new LoopbackDnsServer()
                .txt("example.net", "v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all")
                .txt("_spf.example.net", "v=spf1 ip4:198.51.100.0/24 -all")
                .txt("mail.example.net", "v=spf1 a -all").a("mail.example.net", "192.0.2.25")
                .txt("_dmarc.example.net", "v=DMARC1; p=reject; rua=mailto:dmarc@example.net")
                .txt("rsa._domainkey.example.net", strings(DkimKeys.dnsRecord(rsaKey.getPublic())))
                .txt("ed._domainkey.example.net", DkimKeys.dnsRecord(edKey.getPublic()));
        DnsjavaLookup lookup = DnsjavaLookup.create(DnsSettings.servers(List.of(dns.address()))
                .withTimeout(Duration.ofSeconds(2)));
        List<Check> checks = BuiltInChecks.all("gw.corp.example", List.of()).stream()
                .filter(c -> c.module() == ProtectionModule.SENDER_AUTHENTICATION).toList();
        pipeline = new CheckPipeline(checks, SymbolRegistry.of(checks, Map.of()), Map.of(), ScanServices.builder()
                .add(PublicSuffixList.class, PublicSuffixList.bundled())
                .add(TrustedNetworks.class, TrustedNetworks.none())
                .perMessage(DnsLookup.class, () -> lookup.withBudget(50)).build());
        byte[] message = message();
        MessageViewParser parser = new MessageViewParser();
        unsigned = parser.parse(message);
        rsa = parser.parse(signed(message, new SigningKey("example.net", "rsa", DkimKeys.RSA_SHA256,
                rsaKey.getPrivate(), null, null, null)));
        ed25519 = parser.parse(signed(message, new SigningKey("example.net", "ed", DkimKeys.ED25519_SHA256,
                edKey.getPrivate(), null, null, null)));
        for (MessageView view : List.of(unsigned, rsa, ed25519)) {
            ScanResults warm = pipeline.scan(view, envelope, AUTH);
            if (warm.runs().stream().anyMatch(r -> !r.result().outcome().conclusive())) {
                throw new IllegalStateException("the benchmark's zone does not answer: " + warm.runs());
            }
        }
        warmQueries = dns.queryCount();
    }

    /** A TXT value as 255-octet character-strings (RFC 1035 3.3.14), as a DKIM RSA record is published. */
    private static String[] strings(String value) {
        int n = (value.length() + 254) / 255;
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = value.substring(i * 255, Math.min(value.length(), (i + 1) * 255));
        }
        return out;
    }

    private static byte[] message() {
        StringBuilder body = new StringBuilder();
        while (body.length() < 2048) {
            body.append("The quarterly figures are attached; please review them before Friday's meeting.\r\n");
        }
        return ("From: News <news@example.net>\r\nTo: rcpt@corp.example\r\nSubject: Quarterly figures\r\n"
                + "Date: Sat, 5 Dec 2026 04:00:00 +0000\r\nMessage-ID: <q4@example.net>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] signed(byte[] message, SigningKey key) {
        String field = DkimSigner.sign(message, key, Instant.now());
        return (field + "\r\n" + new String(message, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @TearDown
    public void tearDown() throws Exception {
        // the claim "warm cache" checked: questions that reached the server after the warm-up
        System.err.println("DNS queries after warm-up: " + (dns.queryCount() - warmQueries));
        pipeline.close();
        dns.close();
    }

    // each scan reads a new view (RulesBenchmark.unread): DMARC keeps the Author Domains in the
    // view's memo (ADR 0040), and a message is scanned once in the mail path

    @Benchmark
    public ScanResults unsigned() {
        return pipeline.scan(RulesBenchmark.unread(unsigned), envelope, AUTH);
    }

    @Benchmark
    public ScanResults rsa2048() {
        return pipeline.scan(RulesBenchmark.unread(rsa), envelope, AUTH);
    }

    @Benchmark
    public ScanResults ed25519() {
        return pipeline.scan(RulesBenchmark.unread(ed25519), envelope, AUTH);
    }
}
