package io.bulwark.scan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.antispam.dnsbl.DnsblCheck;
import io.bulwark.scan.antispam.dnsbl.ListZone;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.TrustedNetworks;
import io.bulwark.scan.senderauth.dkim.DkimCheck;
import io.bulwark.scan.senderauth.dmarc.DmarcCheck;
import io.bulwark.scan.senderauth.spf.SpfCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * The pipeline starts a message's DNS questions early and concurrently: shown by state, with a
 * loopback DNS server that holds every answer back. A question the server has received while no
 * answer has left it was asked concurrently with every other one it has received; asked one
 * after the other, the second could not arrive before the first was answered.
 */
class PrefetchTest {
    private static final Set<ProtectionModule> MODULES = EnumSet.of(ProtectionModule.SENDER_AUTHENTICATION,
            ProtectionModule.ANTI_SPAM);
    private static final ListZone BL = new ListZone("RBL_TEST", "bl.test.example", Map.of("127.0.0.2", "spam source"),
            3, true, false);
    private static final Envelope ENVELOPE = new Envelope("alice@sender.example", List.of("bob@corp.example"),
            "192.0.2.10", "mx.sender.example");
    private static final byte[] MESSAGE = ("From: Alice <alice@author.example>\r\nTo: bob@corp.example\r\n"
            + "Subject: hello\r\n\r\nhi\r\n").getBytes(StandardCharsets.US_ASCII);

    private LoopbackDnsServer server;
    private CheckPipeline pipeline;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer()
                .txt("sender.example", "v=spf1 ip4:192.0.2.10 -all")
                .txt("mx.sender.example", "v=spf1 a -all")
                .a("mx.sender.example", "192.0.2.10")
                .txt("_dmarc.author.example", "v=DMARC1; p=reject");
        pipeline = pipeline(server);
    }

    private static CheckPipeline pipeline(LoopbackDnsServer server) {
        // a long timeout: answers are held back on purpose while the test counts the questions
        DnsLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address()))
                .withTimeout(Duration.ofSeconds(20)));
        List<Check> checks = List.of(new SpfCheck("mx.bulwark.test"), new DkimCheck(),
                new DmarcCheck(Set.of(), () -> 0), new DnsblCheck(List.of(BL)));
        ScanServices services = ScanServices.builder()
                .add(PublicSuffixList.class, PublicSuffixList.bundled())
                .add(TrustedNetworks.class, TrustedNetworks.none())
                .perMessage(DnsLookup.class, () -> dns.remembering().withBudget(50))
                .build();
        return new CheckPipeline(checks, SymbolRegistry.of(checks, Map.of()), Map.of(), services);
    }

    @AfterEach
    void stop() throws Exception {
        pipeline.close();
        server.close();
    }

    private static MessageView view() {
        return new MessageViewParser().parse(MESSAGE);
    }

    @Test
    void theEnvelopesQuestionsAreAllOutstandingAtOnceBeforeTheContentArrives() {
        server.hold();
        CheckPipeline.Early early = pipeline.prefetch(ENVELOPE, MODULES);

        // SPF of MAIL FROM, SPF of HELO, the client in the block list: three questions in flight,
        // none answered yet
        await().atMost(Duration.ofSeconds(10)).until(() -> server.queryCount() >= 3);
        assertThat(server.queryCount("sender.example", Type.TXT)).isEqualTo(1);
        assertThat(server.queryCount("mx.sender.example", Type.TXT)).isEqualTo(1);
        assertThat(server.queryCount("10.2.0.192.bl.test.example", Type.A)).isEqualTo(1);
        assertThat(early.started()).isEqualTo(3);

        server.release();
        early.awaitStarted();
        long asked = server.queryCount();
        ScanResults results = pipeline.scan(view(), ENVELOPE, MODULES, early);

        // the checks found the envelope's answers waiting: only what the content names was new
        assertThat(server.queryCount("sender.example", Type.TXT)).isEqualTo(1);
        assertThat(server.queryCount("mx.sender.example", Type.TXT)).isEqualTo(1);
        assertThat(server.queryCount("10.2.0.192.bl.test.example", Type.A)).isEqualTo(1);
        assertThat(server.queryCount()).isGreaterThan(asked); // DMARC's policy
        assertThat(symbols(results)).isEqualTo(scanWithoutPrefetch());
    }

    @Test
    void dmarcsPolicyIsAskedWhileSpfStillWaitsForItsAnswer() {
        server.hold();
        CompletableFuture<ScanResults> scan = CompletableFuture.supplyAsync(
                () -> pipeline.scan(view(), ENVELOPE, MODULES));

        // DMARC depends on SPF's result, yet its policy question is out while SPF's is unanswered
        await().atMost(Duration.ofSeconds(10)).until(() -> server.queryCount("_dmarc.author.example", Type.TXT) == 1
                && server.queryCount("sender.example", Type.TXT) == 1);

        server.release();
        ScanResults results = scan.join();
        assertThat(server.queryCount("_dmarc.author.example", Type.TXT)).isEqualTo(1);
        assertThat(symbols(results)).isEqualTo(scanWithoutPrefetch());
    }

    @Test
    void theHeaderFieldsQuestionsGoOutWhileTheBodyStillArrives() {
        server.hold();
        CheckPipeline.Early early = pipeline.prefetch(ENVELOPE, MODULES);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.queryCount() >= 3);

        // the header block has passed, the body has not: DMARC's policy question goes out now
        early.header("From: Alice <alice@author.example>\r\nTo: bob@corp.example\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.queryCount("_dmarc.author.example", Type.TXT) == 1);
        assertThat(server.queryCount()).isEqualTo(4); // all four outstanding at once

        server.release();
        ScanResults results = pipeline.scan(view(), ENVELOPE, MODULES, early);
        assertThat(server.queryCount("_dmarc.author.example", Type.TXT)).isEqualTo(1);
        assertThat(symbols(results)).isEqualTo(scanWithoutPrefetch());
    }

    @Test
    void aPrefetchForModulesWithoutDnsChecksAsksNothing() {
        CheckPipeline.Early early = pipeline.prefetch(ENVELOPE, EnumSet.of(ProtectionModule.ANTI_VIRUS));
        early.awaitStarted();
        assertThat(early.started()).isZero();
        assertThat(server.queryCount()).isZero();
    }

    /** The same message through a pipeline of its own (own cache) with the prefetch hooks bypassed. */
    private Map<String, List<String>> scanWithoutPrefetch() {
        try (LoopbackDnsServer fresh = new LoopbackDnsServer()
                .txt("sender.example", "v=spf1 ip4:192.0.2.10 -all")
                .txt("mx.sender.example", "v=spf1 a -all")
                .a("mx.sender.example", "192.0.2.10")
                .txt("_dmarc.author.example", "v=DMARC1; p=reject")) {
            DnsLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(fresh.address())));
            List<Check> checks = List.of(withoutPrefetch(new SpfCheck("mx.bulwark.test")),
                    withoutPrefetch(new DkimCheck()), withoutPrefetch(new DmarcCheck(Set.of(), () -> 0)),
                    withoutPrefetch(new DnsblCheck(List.of(BL))));
            ScanServices services = ScanServices.builder()
                    .add(PublicSuffixList.class, PublicSuffixList.bundled())
                    .add(TrustedNetworks.class, TrustedNetworks.none())
                    .perMessage(DnsLookup.class, () -> dns.withBudget(50))
                    .build();
            try (CheckPipeline plain = new CheckPipeline(checks, SymbolRegistry.of(checks, Map.of()), Map.of(),
                    services)) {
                return symbols(plain.scan(view(), ENVELOPE, MODULES));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Check withoutPrefetch(Check check) {
        return new Check() {
            @Override
            public String name() {
                return check.name();
            }

            @Override
            public ProtectionModule module() {
                return check.module();
            }

            @Override
            public Set<String> dependsOn() {
                return check.dependsOn();
            }

            @Override
            public Set<String> optionalDependencies() {
                return check.optionalDependencies();
            }

            @Override
            public List<io.bulwark.scan.SymbolDefinition> symbols() {
                return check.symbols();
            }

            @Override
            public java.util.Optional<io.bulwark.scan.SymbolDefinition> liveSymbol(String name) {
                return check.liveSymbol(name);
            }

            @Override
            public io.bulwark.scan.CheckResult run(io.bulwark.scan.CheckContext context) throws Exception {
                return check.run(context);
            }
        };
    }

    /** Per check: outcome and symbol names with their reasons. */
    private static Map<String, List<String>> symbols(ScanResults results) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (CheckRun run : results.runs()) {
            List<String> s = new java.util.ArrayList<>();
            s.add(run.result().outcome().name());
            run.result().symbols().forEach(sym -> s.add(sym.name() + ": " + sym.reason()));
            out.put(run.check().name(), s);
        }
        return out;
    }
}
