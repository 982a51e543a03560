package io.bulwark.gateway.policy;

import io.bulwark.scan.policy.GroupOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.gateway.scan.BuiltInChecks;
import io.bulwark.gateway.support.DnsProbeCheck;
import io.bulwark.scan.Check;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.StreamingArchiveWalker;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.headers.HeaderStage;
import io.bulwark.scan.pipeline.CheckPipeline;
import java.time.Duration;
import java.util.Map;
import io.bulwark.scan.testing.TestMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The DATA stage end to end with the built-in checks, as the SMTP layer calls it. */
class DataPhaseProcessorTest {
    /** Sender authentication runs under the Default rule: its questions go to an empty zone on loopback. */
    private static final LoopbackDnsServer EMPTY_ZONE = emptyZone();
    private static final ScanServices SERVICES = ScanServices.builder()
            .add(ArchiveWalker.class, new StreamingArchiveWalker())
            .add(io.bulwark.scan.domain.PublicSuffixList.class, io.bulwark.scan.domain.PublicSuffixList.bundled())
            .perMessage(DnsLookup.class, () -> DnsjavaLookup.create(DnsSettings.servers(List.of(EMPTY_ZONE.address())))
                    .withBudget(50))
            .build();

    private static LoopbackDnsServer emptyZone() {
        try {
            return new LoopbackDnsServer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
    private final List<CheckPipeline> pipelines = new ArrayList<>();
    private final AtomicReference<PolicySnapshot> policy = new AtomicReference<>(
            new PolicySnapshot(RulePresets.initialRules(), GlobalListsView.empty()));
    private final DataPhaseProcessor processor = processor(BuiltInChecks.all(), Map.of(), SERVICES);

    private DataPhaseProcessor processor(List<Check> checks, Map<String, Double> weights, ScanServices services) {
        CheckPipeline pipeline = new CheckPipeline(checks, SymbolRegistry.of(checks, weights), Map.of(), services);
        pipelines.add(pipeline);
        return new DataPhaseProcessor(pipeline, new MessageViewParser(), new MessageTransformer(),
                new HeaderStage("mx.corp.example"), policy::get);
    }

    @AfterEach
    void close() {
        pipelines.forEach(CheckPipeline::close);
    }

    private static Envelope env(String sender, String... rcpts) {
        return new Envelope(sender, List.of(rcpts), "192.0.2.10", "mx.example.net");
    }

    @Test
    void anInfectedAttachmentIsReplacedAndTheRestDelivered() {
        byte[] msg = TestMessages.withAttachment("Invoice", "invoice.zip", TestMessages.zip("eicar.com", TestMessages.eicar()));
        DataPhaseResult r = processor.process(msg, env("a@example.net", "b@corp.example"));

        assertThat(r.rejectData()).isFalse();
        assertThat(r.report().verdict(ProtectionModule.ANTI_VIRUS).orElseThrow().status()).isEqualTo(ScanStatus.INFECTED);
        assertThat(r.groups().get(0).applied()).isEqualTo(Action.DELETE_ATTACHMENT);
        assertThat(r.backupOriginal()).isTrue();
        MessageView delivered = new MessageViewParser().parse(r.deliveries().get(0));
        assertThat(delivered.header("Subject")).contains("[Infected] Invoice");
        assertThat(delivered.header("X-Bulwark-AntiVirus")).contains("INFECTED");
        assertThat(delivered.header("X-Bulwark-AntiSpam")).contains("NOT_SPAM");
        assertThat(delivered.parts().get(1).filename()).isEqualTo("invoice.zip.removed.txt");
    }

    @Test
    void gtubeIsTaggedAsSpamAndDelivered() {
        DataPhaseResult r = processor.process(TestMessages.plain("Offer", TestMessages.GTUBE), env("a@example.net", "b@corp.example"));
        assertThat(r.groups().get(0).applied()).isEqualTo(Action.SKIP);
        assertThat(new MessageViewParser().parse(r.deliveries().get(0)).header("Subject")).contains("[Spam] Offer");
    }

    @Test
    void allRecipientsRejectingRejectsTheDataAndDeliversNothing() {
        useDefault(d -> d.withModule(ProtectionModule.ANTI_SPAM, d.module(ProtectionModule.ANTI_SPAM)
                .with(ScanStatus.SPAM, new StatusAction(Action.REJECT, false, "[Spam]"))));
        DataPhaseResult r = processor.process(TestMessages.plain("Offer", TestMessages.GTUBE),
                env("a@example.net", "b@corp.example", "c@corp.example"));
        assertThat(r.rejectData()).isTrue();
        assertThat(r.reply()).startsWith("550 5.7.1");
        assertThat(r.deliveries()).containsOnlyNulls();
    }

    @Test
    void aRejectingGroupBesideADeliveringOneIsDroppedSilently() {
        RuleEntry strict = RuleMatcherTest.rule("strict", List.of("*"), List.of(), List.of("ceo@corp.example"), true);
        strict = strict.withDefinition(strict.definition().withModule(ProtectionModule.ANTI_SPAM,
                strict.definition().module(ProtectionModule.ANTI_SPAM).with(ScanStatus.SPAM, new StatusAction(Action.REJECT, true, ""))));
        List<RuleEntry> rules = new ArrayList<>(List.of(strict));
        rules.addAll(RulePresets.initialRules());
        policy.set(new PolicySnapshot(rules, GlobalListsView.empty()));

        DataPhaseResult r = processor.process(TestMessages.plain("Offer", TestMessages.GTUBE),
                env("a@example.net", "ceo@corp.example", "staff@corp.example"));
        assertThat(r.rejectData()).isFalse();
        assertThat(r.groups()).extracting(GroupOutcome::applied).containsExactly(Action.DELETE_MESSAGE, Action.SKIP);
        assertThat(r.deliveries().get(0)).isNull();
        assertThat(r.deliveries().get(1)).isNotNull();

        MessageScannedEvent e = r.toEvent(new MessageRef("Q1", "t1@example.net", "a@example.net",
                List.of("ceo@corp.example", "staff@corp.example"), 100, "192.0.2.10", "node-1"), Instant.EPOCH);
        assertThat(e.dataRejected()).isFalse();
        assertThat(e.decisions()).extracting(d -> d.decided() + "/" + d.applied())
                .containsExactly("REJECT/DELETE_MESSAGE", "SKIP/SKIP");
        assertThat(e.decisions().get(0).backupCopy()).isTrue();
        assertThat(e.decisions().get(1).subjectTags()).containsExactly("[Spam]");
    }

    @Test
    void theDenyListRejectsWithoutScanning() {
        policy.set(new PolicySnapshot(RulePresets.initialRules(), new GlobalListsView(List.of(),
                List.of(new GlobalListEntry(GlobalListEntryType.ADDRESS, "spam.example")), Action.REJECT)));
        DataPhaseResult r = processor.process(TestMessages.plain("x", "hello"), env("bulk@spam.example", "b@corp.example"));
        assertThat(r.rejectData()).isTrue();
        assertThat(r.report().verdicts()).isEmpty();
        assertThat(r.groups().get(0).disposition().reasons()).anyMatch(s -> s.contains("global deny list"));
    }

    @Test
    void theAllowListSkipsAntiSpamButStillFindsMalware() {
        policy.set(new PolicySnapshot(RulePresets.initialRules(), new GlobalListsView(
                List.of(new GlobalListEntry(GlobalListEntryType.IP_NETWORK, "192.0.2.0/24")), List.of(), Action.REJECT)));
        byte[] msg = TestMessages.multipart("x", TestMessages.textPart(TestMessages.GTUBE),
                TestMessages.base64Part("eicar.com", TestMessages.eicar()));
        DataPhaseResult r = processor.process(msg, env("a@example.net", "b@corp.example"));
        assertThat(r.report().verdict(ProtectionModule.ANTI_SPAM)).isEmpty();
        assertThat(r.report().verdict(ProtectionModule.ANTI_VIRUS).orElseThrow().status()).isEqualTo(ScanStatus.INFECTED);
        MessageView delivered = new MessageViewParser().parse(r.deliveries().get(0));
        assertThat(delivered.header("Subject")).contains("[Infected] x");
        assertThat(delivered.header("X-Bulwark-AntiSpam")).contains("NOT_SCANNED (allow list)");
    }

    @Test
    void aSkipWithoutScanningRuleRunsNoScanner() {
        useDefault(d -> d.withMode(RuleMode.SKIP_WITHOUT_SCANNING));
        byte[] msg = TestMessages.plain("x", TestMessages.EICAR);
        DataPhaseResult r = processor.process(msg, env("a@example.net", "b@corp.example"));
        assertThat(r.report().verdicts()).isEmpty();
        assertThat(r.deliveries().get(0)).isEqualTo(msg);
    }

    @Test
    void theEventCarriesEveryChecksOutcomeAndTheSymbolsBesideTheOldVerdictFields() {
        byte[] msg = TestMessages.withAttachment("Invoice", "invoice.zip", TestMessages.zip("eicar.com", TestMessages.eicar()));
        DataPhaseResult r = processor.process(msg, env("a@example.net", "b@corp.example"));
        MessageScannedEvent e = r.toEvent(new MessageRef("Q1", "t1@example.net", "a@example.net",
                List.of("b@corp.example"), 100, "192.0.2.10", "node-1"), Instant.EPOCH);

        assertThat(e.report().checks()).extracting(c -> c.check() + " " + c.outcome())
                .startsWith("eicar FOUND", "heuristics CLEAN", "gtube CLEAN").contains("spf FOUND");
        assertThat(e.report().checks().getFirst().symbols()).singleElement()
                .satisfies(s -> assertThat(s.name()).isEqualTo("EICAR_TEST_FILE"));
        ModuleVerdict av = e.report().verdict(ProtectionModule.ANTI_VIRUS).orElseThrow();
        assertThat(av.status()).isEqualTo(ScanStatus.INFECTED);
        assertThat(av.reasons()).containsExactly("EICAR test file in part 2 (invoice.zip!eicar.com)");
        assertThat(av.partPaths()).containsExactly("2");
        assertThat(av.symbols()).extracting(s -> s.name()).containsExactly("EICAR_TEST_FILE");
        assertThat(e.decisions().getFirst().verdicts()).isEqualTo(e.report().verdicts());
    }

    @Test
    void eachGroupIsJudgedUnderItsOwnRulesThresholds() {
        DataPhaseProcessor weighted = processor(BuiltInChecks.all(), Map.of("GTUBE", 60.0), SERVICES);
        RuleEntry strict = RuleMatcherTest.rule("strict", List.of("*"), List.of(), List.of("ceo@corp.example"), true);
        strict = strict.withDefinition(strict.definition().withModule(ProtectionModule.ANTI_SPAM,
                strict.definition().module(ProtectionModule.ANTI_SPAM).withOption(ModuleOption.SPAM_THRESHOLD, "50")));
        List<RuleEntry> rules = new ArrayList<>(List.of(strict));
        rules.addAll(RulePresets.initialRules());
        policy.set(new PolicySnapshot(rules, GlobalListsView.empty()));

        DataPhaseResult r = weighted.process(TestMessages.plain("Offer", TestMessages.GTUBE),
                env("a@example.net", "ceo@corp.example", "staff@corp.example"));

        assertThat(r.groupReports()).extracting(g -> g.verdict(ProtectionModule.ANTI_SPAM).orElseThrow().status())
                .containsExactly(ScanStatus.SPAM, ScanStatus.PROBABLE_SPAM);
        assertThat(r.groups()).extracting(g -> g.disposition().subjectTags())
                .containsExactly(List.of("[Spam]"), List.of("[Probable spam]"));
        assertThat(r.report().verdict(ProtectionModule.ANTI_SPAM).orElseThrow().score()).isEqualTo(60.0);
    }

    @Test
    void theHeaderStageStampsTheRatingAndDropsForgedResultsClaimingOurAuthservId() {
        byte[] msg = ("Authentication-Results: mx.corp.example; spf=pass smtp.mailfrom=example.net\r\n"
                + "Authentication-Results: relay.example.net; dkim=pass header.d=example.net\r\n"
                + "X-Bulwark-Spam: rating=0; symbols=\r\n"
                + new String(TestMessages.plain("Offer", TestMessages.GTUBE), java.nio.charset.StandardCharsets.UTF_8))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DataPhaseResult r = processor.process(msg, env("a@example.net", "b@corp.example"));

        MessageView delivered = new MessageViewParser().parse(r.deliveries().get(0));
        List<String> results = delivered.headers("Authentication-Results").stream().map(h -> h.value()).toList();
        assertThat(results).contains("relay.example.net; dkim=pass header.d=example.net")
                .noneMatch(v -> v.contains("spf=pass"));
        assertThat(results).filteredOn(v -> v.startsWith("mx.corp.example;")).as("only our own, SPF's result")
                .singleElement().asString().contains("spf=none smtp.mailfrom=example.net");
        assertThat(delivered.headers()).filteredOn(h -> h.name().equalsIgnoreCase("X-Bulwark-Spam"))
                .extracting(h -> h.value()).containsExactly("rating=100; symbols=GTUBE(100)");
    }

    @Test
    void aCopyChangedOnlyByStampedHeaderLinesIsTheOriginalArrayWithThoseLinesInFront() {
        byte[] msg = TestMessages.plain("Hello", "nothing to see");
        DataPhaseResult r = processor.process(msg, env("a@example.net", "b@corp.example"));

        // no second copy of the message: the delivery is the very array that was scanned
        assertThat(r.deliveries().get(0)).isSameAs(msg);
        assertThat(new String(r.headerPrefixes().get(0), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("Authentication-Results: mx.corp.example; spf=none")
                .contains("X-Bulwark-Spam: rating=0; symbols=\r\n").contains("X-Bulwark-AntiVirus: CLEAN\r\n");
    }

    @Test
    void aCopyWhoseIncomingFieldsMustBeDroppedOrTaggedIsAWholeNewCopyWithoutPrefix() {
        byte[] msg = ("X-Bulwark-Spam: rating=0; symbols=\r\n"
                + new String(TestMessages.plain("Hello", "hi"), java.nio.charset.StandardCharsets.UTF_8))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DataPhaseResult r = processor.process(msg, env("a@example.net", "b@corp.example"));

        assertThat(r.headerPrefixes().get(0)).isNull();
        assertThat(r.deliveries().get(0)).isNotSameAs(msg);

        DataPhaseResult tagged = processor.process(TestMessages.plain("Offer", TestMessages.GTUBE),
                env("a@example.net", "b@corp.example"));
        assertThat(tagged.headerPrefixes().get(0)).isNull();
        assertThat(new MessageViewParser().parse(tagged.deliveries().get(0)).header("Subject")).contains("[Spam] Offer");
    }

    @Test
    void aDnsTimeoutDefersTheMessageWith451ByDefaultAndIsRecordedAsATemporaryFailure() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer().timeout(DnsProbeCheck.NAME)) {
            DataPhaseProcessor probing = probing(dns);
            DataPhaseResult r = probing.process(TestMessages.plain("Offer", "hello"), env("a@example.net", "b@corp.example"));

            assertThat(r.rejectData()).isTrue();
            assertThat(r.deferred()).isTrue();
            assertThat(r.reply()).isEqualTo(DataPhaseProcessor.DEFER_REPLY + " (ANTI_SPAM)");
            assertThat(r.deliveries()).containsOnlyNulls();
            assertThat(r.backupOriginal()).isFalse();
            MessageScannedEvent e = r.toEvent(new MessageRef("Q1", "t1@example.net", "a@example.net",
                    List.of("b@corp.example"), 100, "192.0.2.10", "node-1"), Instant.EPOCH);
            assertThat(e.dataRejected()).isFalse();
            assertThat(e.report().checks()).filteredOn(c -> c.check().equals("dns-probe"))
                    .extracting(c -> c.outcome()).containsExactly(CheckOutcomeKind.TEMPORARY_FAILURE);
            ModuleVerdict spam = e.report().verdict(ProtectionModule.ANTI_SPAM).orElseThrow();
            assertThat(spam.status()).isEqualTo(ScanStatus.ERROR);
            assertThat(spam.temporary()).isTrue();
        }
    }

    @Test
    void aDnsTimeoutUnderTemporaryFailureAcceptTakesTheErrorAction() throws Exception {
        useDefault(d -> d.withModule(ProtectionModule.ANTI_SPAM, d.module(ProtectionModule.ANTI_SPAM)
                .withOption(ModuleOption.TEMPORARY_FAILURE, "accept")
                .with(ScanStatus.ERROR, new StatusAction(Action.SKIP, false, "[Not checked]"))));
        try (LoopbackDnsServer dns = new LoopbackDnsServer().timeout(DnsProbeCheck.NAME)) {
            DataPhaseResult r = probing(dns).process(TestMessages.plain("Offer", "hello"),
                    env("a@example.net", "b@corp.example"));

            assertThat(r.rejectData()).isFalse();
            assertThat(r.deferred()).isFalse();
            assertThat(r.groups().getFirst().applied()).isEqualTo(Action.SKIP);
            MessageView delivered = new MessageViewParser().parse(r.deliveries().get(0));
            assertThat(delivered.header("Subject")).contains("[Not checked] Offer");
            assertThat(delivered.header("X-Bulwark-AntiSpam")).contains("ERROR");
        }
    }

    @Test
    void whereARuleTurnsSenderAuthenticationOnDmarcReportsTheDomainsPolicyAndStampsItsResult() throws Exception {
        // the rule's own DMARC_FAIL action (Skip with a tag) instead of the published p=reject, so the
        // message is delivered and its stamp can be read
        useDefault(d -> d.withModule(ProtectionModule.SENDER_AUTHENTICATION,
                d.module(ProtectionModule.SENDER_AUTHENTICATION).withEnabled(true)
                        .withOption(io.bulwark.events.rule.ModuleOption.DMARC_ACTION, "rule")));
        try (LoopbackDnsServer dns = new LoopbackDnsServer()) {
            dns.txt("example.net", "v=spf1 ip4:198.51.100.0/24 -all")
                    .txt("_dmarc.example.net", "v=DMARC1; p=reject; rua=mailto:dmarc@example.net");
            DnsLookup lookup = DnsjavaLookup.create(DnsSettings.servers(List.of(dns.address()))
                    .withTimeout(Duration.ofMillis(500)));
            List<Check> checks = new ArrayList<>(BuiltInChecks.all("mx.corp.example", List.of()));
            DataPhaseProcessor authenticating = processor(checks, Map.of(),
                    ScanServices.builder().add(ArchiveWalker.class, new StreamingArchiveWalker())
                            .add(io.bulwark.scan.domain.PublicSuffixList.class,
                                    io.bulwark.scan.domain.PublicSuffixList.bundled())
                            .perMessage(DnsLookup.class, () -> lookup.withBudget(50)).build());
            byte[] msg = "From: CEO <ceo@example.net>\r\nSubject: Pay now\r\n\r\nhello\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

            DataPhaseResult r = authenticating.process(msg, env("ceo@example.net", "b@corp.example"));

            var verdict = r.report().verdict(ProtectionModule.SENDER_AUTHENTICATION).orElseThrow();
            assertThat(verdict.statuses()).contains(ScanStatus.DMARC_FAIL, ScanStatus.SPF_FAIL);
            assertThat(verdict.symbols()).extracting(sym -> sym.name())
                    .contains("SPF_FAIL", "DMARC_FAIL", "DMARC_POLICY_REJECT");
            assertThat(verdict.symbols()).filteredOn(sym -> sym.name().equals("DMARC_FAIL")).singleElement()
                    .extracting(sym -> sym.reason()).asString()
                    .contains("From domain example.net publishes p=reject", "SPF fail for example.net");
            MessageView delivered = new MessageViewParser().parse(r.deliveries().get(0));
            assertThat(delivered.header("Authentication-Results")).get().asString()
                    .contains("spf=fail smtp.mailfrom=example.net",
                            "dmarc=fail header.from=example.net policy.dmarc=reject");
        }
    }

    private DataPhaseProcessor probing(LoopbackDnsServer dns) {
        DnsLookup lookup = DnsjavaLookup.create(DnsSettings.servers(List.of(dns.address()))
                .withTimeout(Duration.ofMillis(300)));
        List<Check> checks = new ArrayList<>(BuiltInChecks.all());
        checks.add(new DnsProbeCheck());
        return processor(checks, Map.of(), ScanServices.builder().add(ArchiveWalker.class, new StreamingArchiveWalker())
                .perMessage(DnsLookup.class, () -> lookup.withBudget(10)).build());
    }

    private void useDefault(java.util.function.UnaryOperator<io.bulwark.events.rule.RuleDefinition> change) {
        List<RuleEntry> rules = new ArrayList<>(RulePresets.initialRules());
        RuleEntry def = rules.remove(2);
        rules.add(def.withDefinition(change.apply(def.definition())));
        policy.set(new PolicySnapshot(rules, GlobalListsView.empty()));
    }
}
