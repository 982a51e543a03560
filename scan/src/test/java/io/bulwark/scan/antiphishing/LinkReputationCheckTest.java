package io.bulwark.scan.antiphishing;

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
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Link domains against a SURBL-style zone served by a real DNS server on loopback. */
class LinkReputationCheckTest {
    private LoopbackDnsServer server;
    private CheckHarness harness;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer();
        DnsjavaLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address()))
                .withTimeout(Duration.ofSeconds(2)));
        ScanServices services = ScanServices.builder().add(PublicSuffixList.class, PublicSuffixList.bundled())
                .perMessage(DnsLookup.class, () -> dns.withBudget(50)).build();
        harness = new CheckHarness(new LinkReputationCheck(List.of("multi.surbl.test")), services);
        server.a("listed-shop.com.multi.surbl.test", "127.0.0.64");
        server.a("7.100.51.198.multi.surbl.test", "127.0.0.8");
        server.a("refused.com.multi.surbl.test", "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        server.close();
    }

    @Test
    void aLinkWhoseRegistrableDomainIsListedIsReportedWithZoneAndAnswer() {
        ModuleVerdict v = harness.verdict(TestMessages.plain("t", "Buy at https://www.listed-shop.com/deal now"));
        assertThat(v.symbols()).extracting(s -> s.name()).containsExactly(LinkReputationCheck.LISTED);
        assertThat(v.reasons()).containsExactly(
                "link domain listed-shop.com is listed in multi.surbl.test (127.0.0.64)");
        assertThat(server.queryCount("listed-shop.com.multi.surbl.test", org.xbill.DNS.Type.A)).isEqualTo(1);
    }

    @Test
    void anIpLinkIsAskedWithReversedOctets() {
        ModuleVerdict v = harness.verdict(TestMessages.plain("t", "http://198.51.100.7/x"));
        assertThat(v.reasons()).containsExactly("link domain 198.51.100.7 is listed in multi.surbl.test (127.0.0.8)");
    }

    @Test
    void unlistedAndRefusedAnswersAreClean() {
        ModuleVerdict v = harness.verdict(TestMessages.plain("t", "https://clean.org/ and https://refused.com/"));
        assertThat(v.status()).isEqualTo(ScanStatus.CLEAN);
        assertThat(v.symbols()).isEmpty();
    }

    @Test
    void aDnsFailureIsATemporaryFailureNotClean() {
        server.servfail("broken.org.multi.surbl.test");
        var run = harness.run(TestMessages.plain("t", "https://broken.org/"));
        assertThat(run.result().outcome()).isEqualTo(CheckOutcomeKind.TEMPORARY_FAILURE);
        assertThat(harness.verdict(TestMessages.plain("t", "https://broken.org/")).status()).isEqualTo(ScanStatus.ERROR);
    }
}
