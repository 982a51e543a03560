package io.bulwark.scan.senderauth.spf;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.HeaderContribution;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.TrustedNetworks;
import io.bulwark.scan.senderauth.spf.SpfVerdict.Result;
import io.bulwark.scan.senderauth.spf.internal.ReverseName;
import io.bulwark.scan.testing.CheckHarness;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SPF check through the pipeline and the module judge, against a loopback DNS server. The
 * harness's envelope is MAIL FROM a@example.net from 192.0.2.1, HELO mx.example.net.
 */
class SpfCheckTest {
    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

    private LoopbackDnsServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private CheckHarness harness(int budget) {
        DnsjavaLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address()))
                .withTimeout(Duration.ofMillis(500)));
        return new CheckHarness(new SpfCheck("gw.corp.example"),
                ScanServices.builder().perMessage(DnsLookup.class, () -> dns.withBudget(budget)).build());
    }

    @Test
    void clientOutsideTheDomainsPolicyIsSpfFailWithBothHeadersAndAVerdictForDmarc() {
        server.txt("example.net", "v=spf1 ip4:198.51.100.0/24 -all");
        try (CheckHarness h = harness(50)) {
            CheckResult result = h.run(MESSAGE).result();
            assertThat(result.symbols()).extracting(s -> s.name()).containsExactly(SpfCheck.SPF_FAIL, "SPF_HELO_NONE");
            assertThat(result.detail(SpfVerdict.class)).get()
                    .extracting(SpfVerdict::result, SpfVerdict::identity, SpfVerdict::domain)
                    .containsExactly(Result.FAIL, "mailfrom", "example.net");
            assertThat(result.headers()).contains(new HeaderContribution.AuthenticationResult("spf", "fail", "",
                    Map.of("smtp.mailfrom", "example.net")));
            assertThat(result.headers()).filteredOn(HeaderContribution.Field.class::isInstance)
                    .map(f -> ((HeaderContribution.Field) f).name() + ": " + ((HeaderContribution.Field) f).value())
                    .singleElement().asString()
                    .startsWith("Received-SPF: fail (gw.corp.example: domain of example.net does not designate")
                    .contains("client-ip=192.0.2.1;", "envelope-from=\"a@example.net\";", "helo=mx.example.net;",
                            "identity=mailfrom");
            assertThat(h.verdict(MESSAGE).status()).isEqualTo(ScanStatus.SPF_FAIL);
        }
    }

    @Test
    void oneCheckSharedByConcurrentMessagesJudgesEachOnItsOwnDnsView() throws Exception {
        // the check wires one jSPF evaluator and binds each evaluation's DNS view per thread: messages
        // judged at the same time must never see each other's answers. Two DNS views that answer the
        // same question differently: a crossed view gives the other message's result.
        server.txt("example.net", "v=spf1 ip4:192.0.2.0/24 -all");
        SpfCheck shared = new SpfCheck("gw.corp.example");
        try (LoopbackDnsServer other = new LoopbackDnsServer()) {
            other.txt("example.net", "v=spf1 ip4:198.51.100.0/24 -all");
            DnsjavaLookup passing = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address()))
                    .withTimeout(Duration.ofMillis(2000)));
            DnsjavaLookup failing = DnsjavaLookup.create(DnsSettings.servers(List.of(other.address()))
                    .withTimeout(Duration.ofMillis(2000)));
            try (CheckHarness pass = new CheckHarness(shared,
                    ScanServices.builder().perMessage(DnsLookup.class, () -> passing.withBudget(50)).build());
                 CheckHarness fail = new CheckHarness(shared,
                    ScanServices.builder().perMessage(DnsLookup.class, () -> failing.withBudget(50)).build());
                 var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                List<java.util.concurrent.Future<String>> runs = new java.util.ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    CheckHarness h = i % 2 == 0 ? pass : fail;
                    String expected = i % 2 == 0 ? SpfCheck.SPF_PASS : SpfCheck.SPF_FAIL;
                    runs.add(pool.submit(() -> expected + " got " + h.run(MESSAGE).result().symbols().getFirst().name()));
                }
                for (java.util.concurrent.Future<String> run : runs) {
                    String got = run.get();
                    assertThat(got).isIn(SpfCheck.SPF_PASS + " got " + SpfCheck.SPF_PASS,
                            SpfCheck.SPF_FAIL + " got " + SpfCheck.SPF_FAIL);
                }
            }
        }
    }

    @Test
    void authorisedClientPassesWithAWeightlessSymbolAndNoStatus() {
        server.txt("example.net", "v=spf1 ip4:192.0.2.0/24 -all");
        try (CheckHarness h = harness(50)) {
            ModuleVerdict verdict = h.verdict(MESSAGE);
            assertThat(verdict.status()).isEqualTo(ScanStatus.PASS);
            assertThat(verdict.symbols()).extracting(s -> s.name()).containsExactly(SpfCheck.SPF_PASS, "SPF_HELO_NONE");
            assertThat(verdict.score()).isZero();
        }
    }

    @Test
    void softfailIsReportedButImpliesNoStatus() {
        server.txt("example.net", "v=spf1 ~all");
        try (CheckHarness h = harness(50)) {
            ModuleVerdict verdict = h.verdict(MESSAGE);
            assertThat(verdict.status()).isEqualTo(ScanStatus.PASS);
            assertThat(verdict.symbols()).extracting(s -> s.name()).containsExactly(SpfCheck.SPF_SOFTFAIL, "SPF_HELO_NONE");
        }
    }

    @Test
    void dnsTimeoutIsATemporaryFailureNeverAFail() {
        server.timeout("example.net");
        try (CheckHarness h = harness(50)) {
            CheckResult result = h.run(MESSAGE).result();
            assertThat(result.outcome()).isEqualTo(CheckOutcomeKind.TEMPORARY_FAILURE);
            assertThat(result.detail(SpfVerdict.class)).get().extracting(SpfVerdict::result)
                    .isEqualTo(Result.TEMPERROR);
            ModuleVerdict verdict = h.verdict(MESSAGE);
            assertThat(verdict.status()).isEqualTo(ScanStatus.ERROR);
            assertThat(verdict.temporary()).isTrue();
        }
    }

    @Test
    void timeoutOfAnExistsLookupIsTemperrorWhereJspfWouldFallThroughToFail() {
        server.txt("example.net", "v=spf1 exists:err.example.net -all").timeout("err.example.net");
        try (CheckHarness h = harness(50)) {
            assertThat(h.run(MESSAGE).result().outcome()).isEqualTo(CheckOutcomeKind.TEMPORARY_FAILURE);
        }
    }

    @Test
    void spentMessageDnsBudgetIsPermerror() {
        server.txt("example.net", "v=spf1 a mx -all").a("example.net", "198.51.100.1");
        try (CheckHarness h = harness(2)) {
            CheckResult result = h.run(MESSAGE).result();
            assertThat(result.symbols()).extracting(s -> s.name())
                    .containsExactly(SpfCheck.SPF_PERMERROR, "SPF_HELO_PERMERROR");
            assertThat(result.detail(SpfVerdict.class)).get().extracting(SpfVerdict::explanation).asString()
                    .contains("budget");
        }
    }

    @Test
    void aHeloNameWhoseRecordExcludesTheClientIsAnSpfFailureToo() {
        server.txt("example.net", "v=spf1 ip4:192.0.2.0/24 -all").txt("mx.example.net", "v=spf1 -all");
        try (CheckHarness h = harness(50)) {
            CheckResult result = h.run(MESSAGE).result();
            assertThat(result.symbols()).extracting(s -> s.name()).containsExactly(SpfCheck.SPF_PASS, "SPF_HELO_FAIL");
            assertThat(result.headers()).contains(new HeaderContribution.AuthenticationResult("spf", "fail", "",
                    Map.of("smtp.helo", "mx.example.net")));
            assertThat(result.detail(SpfVerdict.class)).get().extracting(SpfVerdict::identity).isEqualTo("mailfrom");
            assertThat(h.verdict(MESSAGE).status()).isEqualTo(ScanStatus.SPF_FAIL);
        }
    }

    private static final byte[] RELAYED = ("Received: from edge.corp.example (edge.corp.example [10.0.0.2])\r\n"
            + "\tby gw.corp.example (Bulwark) with ESMTP id A; Sat, 5 Dec 2026 03:00:00 +0000\r\n"
            + "Received: from out.example.net (out.example.net [198.51.100.7])\r\n"
            + "\tby edge.corp.example (Postfix) with ESMTP id B; Sat, 5 Dec 2026 02:59:59 +0000\r\n"
            + "Subject: relayed\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII);

    private static Envelope fromEdge(String authenticated) {
        return fromEdge("a@example.net", authenticated);
    }

    private static Envelope fromEdge(String sender, String authenticated) {
        return new Envelope(sender, List.of("b@corp.example"), "10.0.0.2", "edge.corp.example",
                null, null, null, authenticated, true);
    }

    private CheckHarness harnessWithTrust(String... mynetworks) {
        DnsjavaLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address()))
                .withTimeout(Duration.ofMillis(500)));
        return new CheckHarness(new SpfCheck("gw.corp.example"), ScanServices.builder()
                .perMessage(DnsLookup.class, () -> dns.withBudget(50))
                .add(TrustedNetworks.class, TrustedNetworks.of(List.of(mynetworks))).build());
    }

    @Test
    void behindAnEdgeGatewayTheFirstUntrustedHopIsJudgedNotTheEdge() {
        // the edge (10.0.0.2) is not in the domain's record; the Internet host that gave it the mail is
        server.txt("example.net", "v=spf1 ip4:198.51.100.7 -all");
        try (CheckHarness h = harnessWithTrust("10.0.0.0/8")) {
            CheckResult result = h.run(RELAYED, fromEdge(null)).result();
            assertThat(result.symbols()).extracting(s -> s.name()).containsExactly(SpfCheck.SPF_PASS, "SPF_HELO_NONE");
            assertThat(result.symbols().getFirst().reason()).contains("198.51.100.7", "first untrusted hop");
            assertThat(result.headers()).filteredOn(HeaderContribution.Field.class::isInstance)
                    .map(f -> ((HeaderContribution.Field) f).value()).singleElement().asString()
                    .contains("client-ip=198.51.100.7;", "helo=out.example.net;");
        }
        server.txt("example.org", "v=spf1 ip4:198.51.100.8 -all");
        try (CheckHarness h = harnessWithTrust("10.0.0.0/8")) {
            assertThat(h.run(RELAYED, fromEdge("a@example.org", null)).result().symbols()).extracting(s -> s.name())
                    .contains(SpfCheck.SPF_FAIL);
        }
    }

    @Test
    void mailFromInsideAndAuthenticatedSubmissionsAreNotJudged() {
        byte[] inside = ("Received: from exch.corp.example (exch.corp.example [10.0.0.5])\r\n"
                + "\tby gw.corp.example (Bulwark) with ESMTP id A; Sat, 5 Dec 2026 03:00:00 +0000\r\n"
                + "Subject: inside\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII);
        try (CheckHarness h = harnessWithTrust("10.0.0.0/8")) {
            CheckResult internal = h.run(inside, fromEdge(null)).result();
            assertThat(internal.outcome()).isEqualTo(CheckOutcomeKind.SKIPPED);
            assertThat(internal.reason()).contains("mail from inside");
            CheckResult submitted = h.run(MESSAGE, fromEdge("alice")).result();
            assertThat(submitted.outcome()).isEqualTo(CheckOutcomeKind.SKIPPED);
            assertThat(submitted.reason()).contains("authenticated");
        }
        assertThat(server.queryCount()).as("no DNS question for mail that is not judged").isZero();
    }

    @Test
    void reverseNamesGiveTheirAddressBack() throws Exception {
        assertThat(ReverseName.address("4.3.2.1.in-addr.arpa")).contains(InetAddress.getByName("1.2.3.4"));
        assertThat(ReverseName.address("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.E.B.A.B.E.F.A.C.ip6.arpa."))
                .contains(InetAddress.getByName("cafe:babe::1"));
        assertThat(ReverseName.address("3.2.1.in-addr.arpa")).isEmpty();
        assertThat(ReverseName.address("256.3.2.1.in-addr.arpa")).isEmpty();
        assertThat(ReverseName.address("example.com")).isEmpty();
    }
}
