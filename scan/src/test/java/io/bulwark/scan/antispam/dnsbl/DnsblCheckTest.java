package io.bulwark.scan.antispam.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.TrustedNetworks;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DNS and URI block lists against a real DNS server on loopback. */
class DnsblCheckTest {
    private static final ListZone BL = new ListZone("RBL_TEST", "bl.test.example",
            Map.of("127.0.0.2", "spam source", "127.0.0.4", "exploited host"), 30, true, false);
    private static final ListZone DEEP = new ListZone("RBL_DEEP", "deep.test.example", Map.of(), 20, false, true);
    private static final ListZone URI = new ListZone("URIBL_TEST", "uri.test.example", Map.of(), 40, false, false);

    private LoopbackDnsServer server;
    private DnsjavaLookup dns;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer();
        dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address())).withTimeout(Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private CheckHarness harness(io.bulwark.scan.Check check, String... trusted) {
        return new CheckHarness(check, ScanServices.builder().add(PublicSuffixList.class, PublicSuffixList.bundled())
                .add(TrustedNetworks.class, TrustedNetworks.of(List.of(trusted)))
                .perMessage(DnsLookup.class, () -> dns.withBudget(30)).build());
    }

    private static Envelope from(String client) {
        return new Envelope("a@example.net", List.of("b@corp.example"), client, "mx.example.net");
    }

    private static byte[] withReceived(String... hops) {
        StringBuilder sb = new StringBuilder();
        for (String hop : hops) {
            sb.append("Received: from relay.example (relay.example [").append(hop)
                    .append("]) by next.example; Tue, 3 Dec 2024 10:00:00 +0000\r\n");
        }
        return (sb + new String(TestMessages.plain("hi", "hello"), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private ModuleVerdict verdict(CheckHarness h, byte[] raw, Envelope envelope) {
        return io.bulwark.scan.pipeline.ModuleJudge.judge(io.bulwark.events.scan.ProtectionModule.ANTI_SPAM,
                List.of(h.run(new MessageViewParser().parse(raw), envelope)),
                io.bulwark.events.rule.ModuleSettings.defaults(io.bulwark.events.scan.ProtectionModule.ANTI_SPAM),
                io.bulwark.scan.SymbolRegistry.of(List.of(new DnsblCheck(List.of(BL, DEEP)), new UriblCheck(List.of(URI))),
                        Map.of()));
    }

    @Test
    void givenLiveListsWhenAnAdministratorAddsAndRemovesAListThenTheNextMessageSeesIt() {
        server.a("99.2.0.192.live.test.example", "127.0.0.2");
        LiveZones live = new LiveZones(List.of(), List.of());
        DnsblCheck check = new DnsblCheck(live.address());
        io.bulwark.scan.SymbolRegistry registry = io.bulwark.scan.SymbolRegistry.of(List.of(check), Map.of());
        try (CheckHarness h = harness(check)) {
            assertThat(judge(h, registry).status()).isEqualTo(ScanStatus.NOT_SPAM);
            assertThat(registry.declares("dnsbl", "RBL_LIVE")).isFalse();

            live.replace(List.of(new ListZone("RBL_LIVE", "live.test.example", Map.of(), 45, true, false)), List.of());
            ModuleVerdict listed = judge(h, registry);
            assertThat(listed.status()).isEqualTo(ScanStatus.PROBABLE_SPAM);
            assertThat(listed.statuses()).contains(ScanStatus.BLACKLISTED);
            assertThat(listed.symbols()).extracting(s -> s.name() + "=" + s.score()).containsExactly("RBL_LIVE=45.0");
            assertThat(registry.declares("dnsbl", "RBL_LIVE")).isTrue();
            assertThat(registry.declares("uribl", "RBL_LIVE")).isFalse();

            live.replace(List.of(), List.of());
            assertThat(judge(h, registry).status()).isEqualTo(ScanStatus.NOT_SPAM);
            assertThat(registry.definition("RBL_LIVE")).isEmpty();
        }
    }

    private ModuleVerdict judge(CheckHarness h, io.bulwark.scan.SymbolRegistry registry) {
        return io.bulwark.scan.pipeline.ModuleJudge.judge(io.bulwark.events.scan.ProtectionModule.ANTI_SPAM,
                List.of(h.run(new MessageViewParser().parse(TestMessages.plain("hi", "hello")), from("192.0.2.99"))),
                io.bulwark.events.rule.ModuleSettings.defaults(io.bulwark.events.scan.ProtectionModule.ANTI_SPAM),
                registry);
    }

    @Test
    void aListedClientIsBlacklistedWithTheMeaningOfItsCode() {
        server.a("99.2.0.192.bl.test.example", "127.0.0.2");
        try (CheckHarness h = harness(new DnsblCheck(List.of(BL)))) {
            ModuleVerdict v = verdict(h, TestMessages.plain("hi", "hello"), from("192.0.2.99"));
            assertThat(v.status()).isEqualTo(ScanStatus.BLACKLISTED);
            assertThat(v.symbols()).extracting(s -> s.name()).containsExactly("RBL_TEST");
            assertThat(v.score()).isEqualTo(30.0);
            assertThat(v.reasons()).containsExactly("sending host 192.0.2.99 listed by bl.test.example: spam source");
            assertThat(server.queryCount("99.2.0.192.bl.test.example", 1)).isEqualTo(1);
        }
    }

    @Test
    void anUnlistedClientIsNotSpamAndARefusalCodeIsNoListing() {
        server.a("98.2.0.192.bl.test.example", "127.255.255.254");
        try (CheckHarness h = harness(new DnsblCheck(List.of(BL)))) {
            assertThat(verdict(h, TestMessages.plain("hi", "hello"), from("192.0.2.97")).status())
                    .isEqualTo(ScanStatus.NOT_SPAM);
            ModuleVerdict refused = verdict(h, TestMessages.plain("hi", "hello"), from("192.0.2.98"));
            assertThat(refused.status()).isEqualTo(ScanStatus.NOT_SPAM);
            assertThat(refused.reasons()).singleElement().asString().contains("not a listing code, ignored");
        }
    }

    @Test
    void behindATrustedRelayTheFirstUntrustedHopIsAsked() {
        server.a("7.100.51.198.bl.test.example", "127.0.0.4");
        try (CheckHarness h = harness(new DnsblCheck(List.of(BL)), "203.0.113.0/24")) {
            ModuleVerdict v = verdict(h, withReceived("203.0.113.5", "198.51.100.7"), from("203.0.113.1"));
            assertThat(v.status()).isEqualTo(ScanStatus.BLACKLISTED);
            assertThat(v.reasons()).containsExactly("sending host 198.51.100.7 listed by bl.test.example: exploited host");
        }
    }

    @Test
    void onlyDeepListsAskTheEarlierHops() {
        server.a("8.100.51.198.bl.test.example", "127.0.0.2");
        server.a("8.100.51.198.deep.test.example", "127.0.0.3");
        try (CheckHarness h = harness(new DnsblCheck(List.of(BL, DEEP)))) {
            ModuleVerdict v = verdict(h, withReceived("198.51.100.8"), from("192.0.2.50"));
            assertThat(v.symbols()).extracting(s -> s.name()).containsExactly("RBL_DEEP");
            assertThat(v.status()).isEqualTo(ScanStatus.NOT_SPAM);
            assertThat(v.score()).isEqualTo(20.0);
        }
    }

    @Test
    void aFailingListIsATemporaryErrorAndAuthenticatedMailIsNotAsked() {
        server.servfail("60.2.0.192.bl.test.example");
        try (CheckHarness h = harness(new DnsblCheck(List.of(BL)))) {
            ModuleVerdict v = verdict(h, TestMessages.plain("hi", "hello"), from("192.0.2.60"));
            assertThat(v.status()).isEqualTo(ScanStatus.ERROR);
            assertThat(v.temporary()).isTrue();
            Envelope submitted = new Envelope("a@example.net", List.of("b@corp.example"), "192.0.2.60", "pc",
                    null, null, null, "alice", false);
            assertThat(h.run(TestMessages.plain("hi", "hello"), submitted).result().outcome())
                    .isEqualTo(CheckOutcomeKind.CLEAN);
        }
    }

    @Test
    void linkDomainsAreAskedByRegistrableDomain() {
        server.a("spam-shop.co.uk.uri.test.example", "127.0.0.2");
        byte[] raw = TestMessages.plain("deal", "Buy at https://www.offers.spam-shop.co.uk/now and http://fine.example.org/");
        try (CheckHarness h = harness(new UriblCheck(List.of(URI)))) {
            ModuleVerdict v = verdict(h, raw, from("192.0.2.1"));
            assertThat(v.symbols()).extracting(s -> s.name()).containsExactly("URIBL_TEST");
            assertThat(v.reasons()).containsExactly("link domain spam-shop.co.uk listed by uri.test.example: listed (127.0.0.2)");
            assertThat(server.queryCount("example.org.uri.test.example", 1)).isEqualTo(1);
            assertThat(server.queryCount()).isEqualTo(2);
        }
    }
}
