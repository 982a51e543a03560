package io.bulwark.scan.senderauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.HeaderContribution;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.senderauth.arc.ArcVerdict;
import io.bulwark.scan.senderauth.dkim.DkimVerdict;
import io.bulwark.scan.senderauth.dmarc.DmarcVerdict.Policy;
import io.bulwark.scan.senderauth.dmarc.DmarcVerdict.Result;
import io.bulwark.scan.senderauth.spf.SpfVerdict;
import io.bulwark.scan.testing.CheckHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DMARC check through the pipeline and the module judge, with policies served by a loopback
 * DNS server and the SPF, DKIM and ARC results given as those checks hand them (their verdicts as
 * details), so each case states exactly what authenticated.
 */
class DmarcCheckTest {
    private static final ProtectionModule MODULE = ProtectionModule.SENDER_AUTHENTICATION;

    private LoopbackDnsServer server;
    private DnsjavaLookup dns;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer();
        dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address())).withTimeout(Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    // ---- building the inputs -------------------------------------------------------------

    private static byte[] message(String... headerLines) {
        return (String.join("\r\n", headerLines) + "\r\nSubject: hi\r\n\r\nhello\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] from(String address) {
        return message("From: Someone <" + address + ">");
    }

    private static Check spf(SpfVerdict.Result result, String identity, String domain) {
        SpfVerdict verdict = new SpfVerdict(result, identity, domain, "given");
        CheckResult r = result == SpfVerdict.Result.TEMPERROR
                ? CheckResult.temporaryFailure("SPF temperror")
                : CheckResult.found(Symbol.of("SPF_" + result.name(), "given"));
        return CheckHarness.given("spf", MODULE, r.withDetail(verdict));
    }

    private static Check spfPass(String domain) {
        return spf(SpfVerdict.Result.PASS, "mailfrom", domain);
    }

    private static Check dkim(DkimVerdict.Signature... signatures) {
        return CheckHarness.given("dkim", MODULE, CheckResult.clean().withDetail(new DkimVerdict(List.of(signatures))));
    }

    private static DkimVerdict.Signature sig(DkimVerdict.Result result, String domain) {
        return new DkimVerdict.Signature(result, domain, "s1", "rsa-sha256", "", "abcdefgh", "given", 0);
    }

    private static Check noDkim() {
        return dkim();
    }

    private static Check arc(ArcVerdict verdict) {
        return CheckHarness.given("arc", MODULE, CheckResult.clean().withDetail(verdict));
    }

    private static Check noArc() {
        return arc(ArcVerdict.none());
    }

    private CheckHarness harness(DmarcCheck check, Check... dependencies) {
        return new CheckHarness(check, ScanServices.builder().add(PublicSuffixList.class, PublicSuffixList.bundled())
                .perMessage(DnsLookup.class, () -> dns.withBudget(50)).build(), List.of(dependencies));
    }

    private CheckHarness harness(Check... dependencies) {
        return harness(new DmarcCheck(Set.of(), () -> 0), dependencies);
    }

    private static DmarcVerdict verdict(CheckResult r) {
        return r.detail(DmarcVerdict.class).orElseThrow();
    }

    private static List<String> symbols(CheckResult r) {
        return r.symbols().stream().map(Symbol::name).toList();
    }

    // ---- alignment and policy -------------------------------------------------------------

    @Test
    void fromDomainWithRejectPolicyAndNothingAlignedFailsWithPolicyRejectAndAReasonAnAdminCanRead() {
        server.txt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:d@example.com");
        try (CheckHarness h = harness(spfPass("bounce.other.net"),
                dkim(sig(DkimVerdict.Result.FAIL, "example.com"), sig(DkimVerdict.Result.PASS, "other.net")), noArc())) {
            byte[] message = from("ceo@example.com");
            CheckResult r = h.run(message).result();
            assertThat(symbols(r)).containsExactly(DmarcCheck.DMARC_FAIL, DmarcCheck.DMARC_POLICY_REJECT);
            DmarcVerdict v = verdict(r);
            assertThat(v).extracting(DmarcVerdict::result, DmarcVerdict::fromDomain, DmarcVerdict::policyDomain,
                    DmarcVerdict::p, DmarcVerdict::applied, DmarcVerdict::spfAligned, DmarcVerdict::dkimAligned)
                    .containsExactly(Result.FAIL, "example.com", "example.com", Policy.REJECT, Policy.REJECT, false, false);
            assertThat(v.reason()).contains("From domain example.com publishes p=reject",
                    "SPF domain bounce.other.net not aligned", "DKIM passed only for other.net, not aligned with example.com");
            assertThat(r.headers()).containsExactly(new HeaderContribution.AuthenticationResult("dmarc", "fail", "",
                    Map.of("header.from", "example.com", "policy.dmarc", "reject")));
            ModuleVerdict judged = h.verdict(message);
            assertThat(judged.status()).isEqualTo(ScanStatus.DMARC_FAIL);
            assertThat(judged.score()).isZero();
        }
    }

    @Test
    void noDkimSignatureFromTheDomainIsSaidInWords() {
        server.txt("_dmarc.example.com", "v=DMARC1; p=quarantine");
        try (CheckHarness h = harness(spf(SpfVerdict.Result.SOFTFAIL, "mailfrom", "example.com"),
                dkim(sig(DkimVerdict.Result.FAIL, "example.com")), noArc())) {
            DmarcVerdict v = verdict(h.run(from("a@example.com")).result());
            assertThat(v.reason()).contains("SPF softfail for example.com", "no DKIM signature from example.com passed");
            assertThat(v.applied()).isEqualTo(Policy.QUARANTINE);
        }
    }

    @Test
    void relaxedAlignmentAcceptsTheSameOrganisationalDomainAndStrictDoesNot() {
        server.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        server.txt("_dmarc.strict.example", "v=DMARC1; p=reject; aspf=s; adkim=s");
        try (CheckHarness h = harness(spfPass("bounce.example.com"), noDkim(), noArc())) {
            CheckResult r = h.run(from("a@example.com")).result();
            assertThat(symbols(r)).containsExactly(DmarcCheck.DMARC_PASS);
            assertThat(verdict(r)).extracting(DmarcVerdict::spfAligned, DmarcVerdict::applied)
                    .containsExactly(true, Policy.NONE);
            assertThat(h.verdict(from("a@example.com")).status()).isEqualTo(ScanStatus.PASS);
        }
        try (CheckHarness h = harness(spfPass("mail.strict.example"), dkim(sig(DkimVerdict.Result.PASS,
                "mail.strict.example")), noArc())) {
            DmarcVerdict v = verdict(h.run(from("a@strict.example")).result());
            assertThat(v.result()).isEqualTo(Result.FAIL);
            assertThat(v.reason()).contains("aspf=s asks for strict.example exactly", "adkim=s");
        }
        try (CheckHarness h = harness(spfPass("other.example"), dkim(sig(DkimVerdict.Result.PASS, "strict.example")),
                noArc())) {
            CheckResult r = h.run(from("a@strict.example")).result();
            assertThat(verdict(r)).extracting(DmarcVerdict::result, DmarcVerdict::dkimAligned, DmarcVerdict::spfAligned)
                    .containsExactly(Result.PASS, true, false);
        }
    }

    @Test
    void relaxedAlignmentStopsAtPublicSuffixesIncludingPrivateOnes() {
        server.txt("_dmarc.alice.blogspot.com", "v=DMARC1; p=reject");
        try (CheckHarness h = harness(spfPass("mallory.blogspot.com"), dkim(sig(DkimVerdict.Result.PASS,
                "blogspot.com")), noArc())) {
            assertThat(verdict(h.run(from("a@alice.blogspot.com")).result()).result()).isEqualTo(Result.FAIL);
        }
    }

    @Test
    void heloResultOfTheNullSenderDoesNotCount() {
        server.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        try (CheckHarness h = harness(spf(SpfVerdict.Result.PASS, "helo", "mx.example.com"), noDkim(), noArc())) {
            DmarcVerdict v = verdict(h.run(from("a@example.com")).result());
            assertThat(v.result()).isEqualTo(Result.FAIL);
            assertThat(v.reason()).contains("HELO name mx.example.com");
        }
    }

    @Test
    void subdomainWithoutItsOwnRecordGetsTheOrganisationalDomainsSubdomainPolicy() {
        server.txt("_dmarc.example.co.uk", "v=DMARC1; p=reject; sp=quarantine");
        server.txt("_dmarc.own.example.co.uk", "v=DMARC1; p=none; sp=reject");
        try (CheckHarness h = harness(spfPass("elsewhere.example"), noDkim(), noArc())) {
            CheckResult r = h.run(from("a@news.example.co.uk")).result();
            assertThat(symbols(r)).containsExactly(DmarcCheck.DMARC_FAIL, DmarcCheck.DMARC_POLICY_QUARANTINE);
            assertThat(verdict(r)).extracting(DmarcVerdict::policyDomain, DmarcVerdict::p, DmarcVerdict::sp)
                    .containsExactly("example.co.uk", Policy.REJECT, Policy.QUARANTINE);
            assertThat(verdict(r).reason()).contains("Organizational Domain example.co.uk", "sp applies");
            assertThat(r.headers()).containsExactly(new HeaderContribution.AuthenticationResult("dmarc", "fail", "",
                    Map.of("header.from", "news.example.co.uk", "policy.dmarc", "quarantine")));
            // a sub-domain with its own record: its p applies, not sp
            CheckResult own = h.run(from("a@own.example.co.uk")).result();
            assertThat(symbols(own)).containsExactly(DmarcCheck.DMARC_FAIL, DmarcCheck.DMARC_POLICY_NONE);
            assertThat(verdict(own).policyDomain()).isEqualTo("own.example.co.uk");
        }
        // the organisational domain was asked only after the From domain had no record
        assertThat(server.queryCount("_dmarc.news.example.co.uk", org.xbill.DNS.Type.TXT)).isEqualTo(1);
        assertThat(server.queryCount("_dmarc.co.uk", org.xbill.DNS.Type.TXT)).isZero();
    }

    @Test
    void pctSamplesFailuresAndTheOnesNotSampledGetTheNextLessStrictPolicy() {
        server.txt("_dmarc.half.example", "v=DMARC1; p=reject; pct=50");
        server.txt("_dmarc.zero.example", "v=DMARC1; p=quarantine; pct=0");
        List<Integer> draws = new ArrayList<>(List.of(49, 50, 0));
        IntSupplier percentile = () -> draws.removeFirst();
        try (CheckHarness h = harness(new DmarcCheck(Set.of(), percentile), spfPass("x.example"), noDkim(), noArc())) {
            assertThat(verdict(h.run(from("a@half.example")).result()).applied()).isEqualTo(Policy.REJECT);
            CheckResult notSampledResult = h.run(from("a@half.example")).result();
            DmarcVerdict notSampled = verdict(notSampledResult);
            assertThat(notSampled.applied()).isEqualTo(Policy.QUARANTINE);
            assertThat(notSampledResult.symbols().getLast()).extracting(Symbol::name, Symbol::reason).containsExactly(
                    DmarcCheck.DMARC_POLICY_QUARANTINE, "DMARC policy to apply to mail from half.example: quarantine"
                            + " (half.example asks for reject for 50% of failing mail; this message was not sampled)");
            assertThat(notSampled.reason()).contains("pct=50", "not sampled", "quarantine");
            CheckResult zero = h.run(from("a@zero.example")).result();
            assertThat(symbols(zero)).containsExactly(DmarcCheck.DMARC_FAIL, DmarcCheck.DMARC_POLICY_NONE);
            assertThat(verdict(zero).result()).isEqualTo(Result.FAIL);
        }
        assertThat(draws).isEmpty();
    }

    // ---- discovery and records -------------------------------------------------------------

    @Test
    void domainWithoutRecordIsNoneAfterAskingTheFromAndOrganisationalDomains() {
        server.txt("_dmarc.example.com", "v=spf1 -all").txt("_dmarc.example.com", "not dmarc");
        try (CheckHarness h = harness(spfPass("elsewhere.example"), noDkim(), noArc())) {
            CheckResult r = h.run(from("a@mail.example.com")).result();
            assertThat(symbols(r)).containsExactly(DmarcCheck.DMARC_NONE);
            assertThat(verdict(r).reason()).contains("publishes no DMARC record", "example.com");
            assertThat(r.headers()).containsExactly(new HeaderContribution.AuthenticationResult("dmarc", "none", "",
                    Map.of("header.from", "mail.example.com")));
            assertThat(h.verdict(from("a@mail.example.com")).status()).isEqualTo(ScanStatus.PASS);
        }
    }

    @Test
    void twoDmarcRecordsAtOneNameMeanNoPolicy() {
        server.txt("_dmarc.example.com", "v=DMARC1; p=reject").txt("_dmarc.example.com", "v=DMARC1; p=none");
        try (CheckHarness h = harness(spfPass("elsewhere.example"), noDkim(), noArc())) {
            CheckResult r = h.run(from("a@example.com")).result();
            assertThat(symbols(r)).containsExactly(DmarcCheck.DMARC_NONE);
            assertThat(verdict(r).reason()).contains("2 DMARC records");
        }
    }

    @Test
    void recordWithoutValidPolicyIsPermerrorUnlessItHasARuaThenItIsPNone() {
        server.txt("_dmarc.broken.example", "v=DMARC1; p=block");
        server.txt("_dmarc.reporting.example", "v=DMARC1; p=block; rua=mailto:dmarc@reporting.example");
        try (CheckHarness h = harness(spfPass("elsewhere.example"), noDkim(), noArc())) {
            CheckResult broken = h.run(from("a@broken.example")).result();
            assertThat(symbols(broken)).containsExactly(DmarcCheck.DMARC_PERMERROR);
            assertThat(verdict(broken).reason()).contains("invalid p=block");
            assertThat(h.verdict(from("a@broken.example")).status()).isEqualTo(ScanStatus.PASS);
            CheckResult reporting = h.run(from("a@reporting.example")).result();
            assertThat(symbols(reporting)).containsExactly(DmarcCheck.DMARC_FAIL, DmarcCheck.DMARC_POLICY_NONE);
            assertThat(verdict(reporting).reason()).contains("treated as p=none");
        }
    }

    @Test
    void policyLookupTimeoutIsATemporaryFailureNeverAFail() {
        server.timeout("_dmarc.example.com");
        try (CheckHarness h = harness(spfPass("elsewhere.example"), noDkim(), noArc())) {
            CheckResult r = h.run(from("a@example.com")).result();
            assertThat(r.outcome()).isEqualTo(CheckOutcomeKind.TEMPORARY_FAILURE);
            assertThat(verdict(r).result()).isEqualTo(Result.TEMPERROR);
            assertThat(r.headers()).containsExactly(new HeaderContribution.AuthenticationResult("dmarc", "temperror", "",
                    Map.of("header.from", "example.com")));
            ModuleVerdict judged = h.verdict(from("a@example.com"));
            assertThat(judged.status()).isEqualTo(ScanStatus.ERROR);
            assertThat(judged.temporary()).isTrue();
        }
    }

    @Test
    void spfTemperrorForAnAlignedDomainIsTemporaryButForAnUnalignedOneTheFailStands() {
        server.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        try (CheckHarness h = harness(spf(SpfVerdict.Result.TEMPERROR, "mailfrom", "bounce.example.com"), noDkim(),
                noArc())) {
            CheckResult r = h.run(from("a@example.com")).result();
            assertThat(r.outcome()).isEqualTo(CheckOutcomeKind.TEMPORARY_FAILURE);
            assertThat(verdict(r).reason()).contains("SPF for the aligned domain bounce.example.com failed temporarily");
        }
        try (CheckHarness h = harness(spf(SpfVerdict.Result.TEMPERROR, "mailfrom", "other.example"), noDkim(),
                noArc())) {
            assertThat(symbols(h.run(from("a@example.com")).result())).contains(DmarcCheck.DMARC_FAIL);
        }
        try (CheckHarness h = harness(spfPass("other.example"), dkim(sig(DkimVerdict.Result.TEMPERROR, "example.com")),
                noArc())) {
            assertThat(h.run(from("a@example.com")).result().outcome()).isEqualTo(CheckOutcomeKind.TEMPORARY_FAILURE);
        }
    }

    @Test
    void spentDnsBudgetIsPermerror() {
        server.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        try (CheckHarness h = new CheckHarness(new DmarcCheck(Set.of()), ScanServices.builder()
                .add(PublicSuffixList.class, PublicSuffixList.bundled())
                .perMessage(DnsLookup.class, () -> dns.withBudget(0)).build(),
                List.of(spfPass("other.example"), noDkim(), noArc()))) {
            CheckResult r = h.run(from("a@example.com")).result();
            assertThat(symbols(r)).containsExactly(DmarcCheck.DMARC_PERMERROR);
            assertThat(verdict(r).reason()).contains("budget");
        }
    }

    // ---- the From field (RFC 7489 6.6.1) ------------------------------------------------------

    @Test
    void messageWithoutFromOrWithoutADomainIsPermerror() {
        try (CheckHarness h = harness(spfPass("example.com"), noDkim(), noArc())) {
            CheckResult none = h.run(message("To: b@example.net")).result();
            assertThat(symbols(none)).containsExactly(DmarcCheck.DMARC_PERMERROR);
            assertThat(verdict(none).reason()).contains("no From field");
            assertThat(none.headers()).containsExactly(new HeaderContribution.AuthenticationResult("dmarc", "permerror",
                    "", Map.of()));
            assertThat(verdict(h.run(message("From: undisclosed:;")).result()).reason()).contains("no address");
            assertThat(verdict(h.run(message("From: [192.0.2.1]")).result()).result()).isEqualTo(Result.PERMERROR);
            assertThat(verdict(h.run(message("From: a@[192.0.2.1]")).result()).reason()).contains("not a DNS name");
        }
        assertThat(server.queryCount()).isZero();
    }

    @Test
    void severalFromDomainsAreEachEvaluatedAndTheStrictestFailureCounts() {
        server.txt("_dmarc.good.example", "v=DMARC1; p=reject");
        server.txt("_dmarc.victim.example", "v=DMARC1; p=quarantine");
        server.txt("_dmarc.bank.example", "v=DMARC1; p=reject");
        try (CheckHarness h = harness(spfPass("good.example"), noDkim(), noArc())) {
            // two addresses in one field: good.example passes, victim.example fails
            CheckResult two = h.run(message("From: a@good.example, b@victim.example")).result();
            assertThat(symbols(two)).containsExactly(DmarcCheck.DMARC_FAIL, DmarcCheck.DMARC_POLICY_QUARANTINE);
            assertThat(verdict(two).fromDomain()).isEqualTo("victim.example");
            assertThat(verdict(two).reason()).contains("From names 2 addresses in 2 domains");
            // two From fields: the stricter failure (reject) counts
            CheckResult fields = h.run(message("From: a@victim.example", "From: b@bank.example")).result();
            assertThat(symbols(fields)).containsExactly(DmarcCheck.DMARC_FAIL, DmarcCheck.DMARC_POLICY_REJECT);
            assertThat(verdict(fields).reason()).contains("2 From fields");
            // two addresses of one domain are one evaluation
            CheckResult same = h.run(message("From: a@good.example, \"B, Jr.\" <b@GOOD.example>")).result();
            assertThat(symbols(same)).containsExactly(DmarcCheck.DMARC_PASS);
        }
        assertThat(server.queryCount("_dmarc.victim.example", org.xbill.DNS.Type.TXT)).isEqualTo(1);
    }

    @Test
    void displayNameThatLooksLikeAnAddressDoesNotFoolTheDomainExtraction() {
        server.txt("_dmarc.bank.example", "v=DMARC1; p=reject");
        try (CheckHarness h = harness(spfPass("evil.example"), noDkim(), noArc())) {
            DmarcVerdict v = verdict(h.run(message("From: \"ceo@evil.example\" (x@evil.example) <ceo@bank.example>"))
                    .result());
            assertThat(v.fromDomain()).isEqualTo("bank.example");
            assertThat(v.result()).isEqualTo(Result.FAIL);
        }
    }

    @Test
    void internationalisedFromDomainIsEvaluatedAsALabels() {
        server.txt("_dmarc.xn--bcher-kva.de", "v=DMARC1; p=reject");
        try (CheckHarness h = harness(spfPass("mail.xn--bcher-kva.de"), noDkim(), noArc())) {
            CheckResult r = h.run(new MessageViewParser().parse(from("info@bücher.de"))).result();
            assertThat(verdict(r)).extracting(DmarcVerdict::result, DmarcVerdict::fromDomain)
                    .containsExactly(Result.PASS, "xn--bcher-kva.de");
        }
    }

    // ---- ARC override (RFC 8617 7.2) -----------------------------------------------------------

    private static ArcVerdict chain(ArcVerdict.Result result, String newestSealer, String results) {
        return new ArcVerdict(result, "given", List.of(new ArcVerdict.Hop(1, "first.example", "first.example; none"),
                new ArcVerdict.Hop(2, newestSealer, results)));
    }

    @Test
    void trustedSealerThatSawDmarcPassOverridesTheFailureWithoutTheFailStatus() {
        server.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        DmarcCheck check = new DmarcCheck(Set.of("Lists.Example.org"), () -> 0);
        ArcVerdict passed = chain(ArcVerdict.Result.PASS, "lists.example.org",
                "lists.example.org; dkim=pass (good signature) header.d=example.com; spf=fail smtp.mailfrom=example.com;"
                        + " dmarc=pass (p=reject) header.from=example.com");
        try (CheckHarness h = harness(check, spfPass("lists.example.org"), dkim(sig(DkimVerdict.Result.FAIL,
                "example.com")), arc(passed))) {
            CheckResult r = h.run(from("a@example.com")).result();
            assertThat(symbols(r)).containsExactly(DmarcCheck.DMARC_ARC_OVERRIDE, DmarcCheck.DMARC_POLICY_NONE);
            DmarcVerdict v = verdict(r);
            assertThat(v).extracting(DmarcVerdict::result, DmarcVerdict::applied, DmarcVerdict::override)
                    .containsExactly(Result.FAIL, Policy.NONE, "lists.example.org");
            assertThat(v.reason()).contains("lists.example.org (trusted) recorded dmarc=pass header.from=example.com");
            assertThat(r.headers()).containsExactly(new HeaderContribution.AuthenticationResult("dmarc", "fail",
                    "trusted ARC sealer lists.example.org recorded a pass",
                    Map.of("header.from", "example.com", "policy.dmarc", "reject", "policy.override", "arc")));
            assertThat(h.verdict(from("a@example.com")).status()).isEqualTo(ScanStatus.PASS);
        }
    }

    @Test
    void overrideNeedsATrustedNewestSealerAPassingChainAndAnAlignedPass() {
        server.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        DmarcCheck check = new DmarcCheck(Set.of("lists.example.org"), () -> 0);
        String sawPass = "lists.example.org; dmarc=pass header.from=example.com";
        record Case(ArcVerdict arc, String words) {
        }
        List<Case> cases = List.of(
                new Case(chain(ArcVerdict.Result.PASS, "stranger.example", sawPass), "not a trusted ARC sealer"),
                new Case(chain(ArcVerdict.Result.FAIL, "lists.example.org", sawPass), "publishes p=reject"),
                new Case(chain(ArcVerdict.Result.PASS, "lists.example.org",
                        "lists.example.org; dmarc=pass header.from=other.example; dkim=pass header.d=other.example"),
                        "recorded no aligned pass"));
        for (Case c : cases) {
            try (CheckHarness h = harness(check, spfPass("lists.example.org"), noDkim(), arc(c.arc()))) {
                CheckResult r = h.run(from("a@example.com")).result();
                assertThat(symbols(r)).as(c.words()).containsExactly(DmarcCheck.DMARC_FAIL,
                        DmarcCheck.DMARC_POLICY_REJECT);
                assertThat(verdict(r).reason()).contains(c.words());
            }
        }
        // an aligned DKIM pass recorded by the trusted sealer is enough
        try (CheckHarness h = harness(check, spfPass("lists.example.org"), noDkim(), arc(chain(ArcVerdict.Result.PASS,
                "lists.example.org", "lists.example.org 1; dkim=pass header.d=mail.example.com header.s=s1")))) {
            assertThat(symbols(h.run(from("a@example.com")).result())).contains(DmarcCheck.DMARC_ARC_OVERRIDE);
        }
    }

    // ---- dependencies that are not installed ------------------------------------------------

    @Test
    void withoutDkimAndArcInstalledDmarcPassesOnSpfAndIsSkippedWhereItWouldHaveToFail() {
        server.txt("_dmarc.example.com", "v=DMARC1; p=reject");
        try (CheckHarness h = harness(spfPass("example.com"))) {
            assertThat(symbols(h.run(from("a@example.com")).result())).containsExactly(DmarcCheck.DMARC_PASS);
        }
        try (CheckHarness h = harness(spfPass("other.example"))) {
            CheckResult r = h.run(from("a@example.com")).result();
            assertThat(r.outcome()).isEqualTo(CheckOutcomeKind.SKIPPED);
            assertThat(r.reason()).contains("check dkim is not installed");
        }
    }
}
