package io.bulwark.gateway.policy;

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
import io.bulwark.gateway.scan.ScanPipeline;
import io.bulwark.gateway.scan.ScannerRegistry;
import io.bulwark.scan.testing.TestMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The DATA stage end to end with the built-in scanners, as the SMTP layer will call it. */
class DataPhaseProcessorTest {
    private final ScanPipeline pipeline = new ScanPipeline(ScannerRegistry.defaults());
    private final AtomicReference<PolicySnapshot> policy = new AtomicReference<>(
            new PolicySnapshot(RulePresets.initialRules(), GlobalListsView.empty()));
    private final DataPhaseProcessor processor = new DataPhaseProcessor(pipeline, new MessageViewParser(),
            new MessageTransformer(), policy::get);

    @AfterEach
    void close() {
        pipeline.close();
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

    private void useDefault(java.util.function.UnaryOperator<io.bulwark.events.rule.RuleDefinition> change) {
        List<RuleEntry> rules = new ArrayList<>(RulePresets.initialRules());
        RuleEntry def = rules.remove(2);
        rules.add(def.withDefinition(change.apply(def.definition())));
        policy.set(new PolicySnapshot(rules, GlobalListsView.empty()));
    }
}
