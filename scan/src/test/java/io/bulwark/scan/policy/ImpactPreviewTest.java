package io.bulwark.scan.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ImpactPreviewTest {
    static final List<RuleEntry> PRESETS = RulePresets.initialRules();
    static final RuleEntry DEFAULT = PRESETS.stream().filter(r -> r.kind() == RuleKind.DEFAULT).findFirst().orElseThrow();

    static RuleEntry spamRejectingDefault() {
        RuleDefinition d = DEFAULT.definition();
        return DEFAULT.withDefinition(d.withModule(ProtectionModule.ANTI_SPAM, d.module(ProtectionModule.ANTI_SPAM)
                .with(ScanStatus.SPAM, new StatusAction(Action.REJECT, false, ""))));
    }

    static MessageScannedEvent scanned(String queueId, List<String> recipients, ModuleVerdict... verdicts) {
        ScanReport report = ScanReport.of(verdicts);
        RecipientGroupDecision group = new RecipientGroupDecision(DEFAULT.ruleId(), DEFAULT.name(), recipients,
                Action.SKIP, Action.SKIP, List.of(), false, List.of(), List.of(), List.of(verdicts));
        return new MessageScannedEvent(new MessageRef(queueId, queueId + "@mid", "someone@sender.example", recipients,
                1000, "192.0.2.10", "node-1"), report, List.of(group), false, Instant.parse("2026-05-01T10:00:00Z"));
    }

    @Test
    void aSpamMessageUnderADefaultThatNowRejectsSpamChangesFromSkipToReject() {
        ImpactPreview preview = new ImpactPreview(PRESETS, spamRejectingDefault(), GlobalListsView.empty(), 10);
        preview.add(scanned("q1", List.of("a@corp.example"), ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM)));
        preview.add(scanned("q2", List.of("a@corp.example"),
                ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.NOT_SPAM)));

        ImpactPreview.Result r = preview.result();
        assertThat(r.messages()).isEqualTo(2);
        assertThat(r.changed()).isEqualTo(1);
        assertThat(r.transitions()).containsExactly(Map.entry("SKIP -> REJECT", 1));
        assertThat(r.examples()).singleElement().satisfies(e -> {
            assertThat(e.queueId()).isEqualTo("q1");
            assertThat(e.recipients()).containsExactly(Map.entry("a@corp.example", "SKIP -> REJECT"));
            assertThat(e.reasons()).anyMatch(s -> s.contains("ANTI_SPAM SPAM -> REJECT"));
        });
    }

    @Test
    void aNewRuleForSomeRecipientsRejectsOnlyTheirCopyAndTheDataIsStillAccepted() {
        RuleEntry sales = new RuleEntry("sales", RuleKind.CUSTOM, RuleDefinition.withDefaults("Sales",
                SenderCriteria.anyone(), new RecipientCriteria(List.of("*@sales.example"))).withEnabled(false).complete());
        List<RuleEntry> rules = new ArrayList<>(List.of(sales));
        rules.addAll(PRESETS);
        RuleDefinition on = sales.definition().withEnabled(true);
        RuleEntry edited = sales.withDefinition(on.withModule(ProtectionModule.ANTI_SPAM,
                on.module(ProtectionModule.ANTI_SPAM).with(ScanStatus.SPAM, new StatusAction(Action.REJECT, false, ""))));

        ImpactPreview preview = new ImpactPreview(rules, edited, GlobalListsView.empty(), 10);
        preview.add(scanned("q1", List.of("x@sales.example", "y@corp.example"),
                ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM)));

        // SMTP has one answer for DATA: the other group accepts, so the sales copy is dropped
        assertThat(preview.result().examples().getFirst().recipients())
                .containsExactly(Map.entry("x@sales.example", "SKIP -> DELETE_MESSAGE"));
    }

    @Test
    void previewOverManyRecordedReportsGivesTheSameDispositionsAsRerunningTheDecision() {
        RuleEntry edited = spamRejectingDefault();
        ImpactPreview preview = new ImpactPreview(PRESETS, edited, GlobalListsView.empty(), 5);
        Random random = new Random(15);
        ScanStatus[] spam = {ScanStatus.SPAM, ScanStatus.PROBABLE_SPAM, ScanStatus.NOT_SPAM};
        ScanStatus[] virus = {ScanStatus.INFECTED, ScanStatus.CLEAN, ScanStatus.CLEAN, ScanStatus.CLEAN};
        int expectedChanged = 0;
        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < 2000; i++) {
            ModuleVerdict s = ModuleVerdict.of(ProtectionModule.ANTI_SPAM, spam[random.nextInt(spam.length)]);
            ModuleVerdict v = ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, virus[random.nextInt(virus.length)]);
            List<String> rcpts = random.nextBoolean() ? List.of("a@corp.example") : List.of("a@corp.example", "b@corp.example");
            MessageScannedEvent e = scanned("q" + i, rcpts, s, v);
            preview.add(e);
            // the decision re-run by hand: one group (everyone gets Default), so a REJECT refuses the DATA
            String before = outcome(Decision.decide(e.report(), DEFAULT));
            String after = outcome(Decision.decide(e.report(), edited));
            if (!before.equals(after)) {
                expectedChanged++;
                expected.merge(before + " -> " + after, rcpts.size(), Integer::sum);
            }
        }
        ImpactPreview.Result r = preview.result();
        assertThat(r.messages()).isEqualTo(2000);
        assertThat(expectedChanged).isPositive();
        assertThat(r.changed()).isEqualTo(expectedChanged);
        assertThat(r.transitions()).isEqualTo(expected);
        assertThat(r.examples()).hasSize(5);
    }

    @Test
    void aModuleTheEditedRuleSwitchesOnWithoutARecordedVerdictIsCounted() {
        RuleDefinition d = DEFAULT.definition();
        RuleEntry edited = DEFAULT.withDefinition(d.withModule(ProtectionModule.CONTENT_FILTERING,
                d.module(ProtectionModule.CONTENT_FILTERING).withEnabled(true)));
        ImpactPreview preview = new ImpactPreview(PRESETS, edited, GlobalListsView.empty(), 5);
        preview.add(scanned("q1", List.of("a@corp.example"), ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.NOT_SPAM)));
        assertThat(preview.result().withoutVerdicts()).isEqualTo(1);
        assertThat(preview.result().changed()).isZero();
    }

    @Test
    void anEditedRuleMustBeInTheList() {
        RuleEntry stranger = new RuleEntry("nope", RuleKind.CUSTOM, DEFAULT.definition());
        assertThatThrownBy(() -> new ImpactPreview(PRESETS, stranger, GlobalListsView.empty(), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String outcome(Disposition d) {
        return d.deferred() ? "DEFER" : d.action().name();
    }
}
