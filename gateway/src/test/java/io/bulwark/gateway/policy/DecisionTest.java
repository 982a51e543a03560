package io.bulwark.gateway.policy;

import io.bulwark.scan.policy.Decision;
import io.bulwark.scan.policy.Disposition;
import io.bulwark.scan.policy.ListMatch;
import io.bulwark.scan.policy.PartRemoval;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.message.HeaderField;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision table: every action, precedence, accumulation, modes and lists. */
class DecisionTest {
    static final RuleEntry DEFAULT = RulePresets.initialRules().get(2);

    static ModuleVerdict av(ScanStatus s, String... parts) {
        return new ModuleVerdict(ProtectionModule.ANTI_VIRUS, s, List.of("av says " + s), 0, List.of(parts));
    }

    static ModuleVerdict as(ScanStatus s) {
        return new ModuleVerdict(ProtectionModule.ANTI_SPAM, s, List.of("as says " + s), s == ScanStatus.SPAM ? 1000 : 0, List.of());
    }

    static ModuleVerdict ap(ScanStatus s) {
        return ModuleVerdict.of(ProtectionModule.ANTI_PHISHING, s, "ap says " + s);
    }

    static ModuleVerdict cf(ScanStatus s, String... parts) {
        return new ModuleVerdict(ProtectionModule.CONTENT_FILTERING, s, List.of("cf says " + s), 0, List.of(parts));
    }

    static RuleEntry rule(UnaryOperator<RuleDefinition> change) {
        return new RuleEntry("r1", RuleKind.CUSTOM, change.apply(DEFAULT.definition().withName("R1")));
    }

    static UnaryOperator<RuleDefinition> set(ProtectionModule m, ScanStatus s, Action a, boolean backup, String tag) {
        return d -> d.withModule(m, d.module(m).with(s, new StatusAction(a, backup, tag)));
    }

    static UnaryOperator<RuleDefinition> enable(ProtectionModule m) {
        return d -> d.withModule(m, d.module(m).withEnabled(true));
    }

    static UnaryOperator<RuleDefinition> disable(ProtectionModule m) {
        return d -> d.withModule(m, d.module(m).withEnabled(false));
    }

    static final ListMatch DENY_REJECT = new ListMatch(false, true, Action.REJECT, "global deny list entry 'spam.example'");
    static final ListMatch DENY_DELETE = new ListMatch(false, true, Action.DELETE_MESSAGE, "global deny list entry 'spam.example'");
    static final ListMatch ALLOW = new ListMatch(true, false, Action.REJECT, "global allow list entry 'partner.example'");
    static final ListMatch BOTH = new ListMatch(true, true, Action.REJECT, "global deny list entry 'x'");

    record Case(String name, RuleEntry rule, ScanReport report, ListMatch lists, Action action, List<String> tags,
            boolean backup, List<String> removed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // factory defaults of the Default rule
                new Case("all clean: skip, no tags", DEFAULT, ScanReport.of(av(ScanStatus.CLEAN), as(ScanStatus.NOT_SPAM), ap(ScanStatus.CLEAN)),
                        ListMatch.NONE, Action.SKIP, List.of(), false, List.of()),
                new Case("infected: delete attachment with backup and tag (default)", DEFAULT, ScanReport.of(av(ScanStatus.INFECTED, "2")),
                        ListMatch.NONE, Action.DELETE_ATTACHMENT, List.of("[Infected]"), true, List.of("2")),
                new Case("probably infected: delete attachment", DEFAULT, ScanReport.of(av(ScanStatus.PROBABLY_INFECTED, "3")),
                        ListMatch.NONE, Action.DELETE_ATTACHMENT, List.of("[Probably infected]"), true, List.of("3")),
                new Case("spam: skip with tag (default)", DEFAULT, ScanReport.of(as(ScanStatus.SPAM)),
                        ListMatch.NONE, Action.SKIP, List.of("[Spam]"), false, List.of()),
                new Case("probable spam: tag", DEFAULT, ScanReport.of(as(ScanStatus.PROBABLE_SPAM)),
                        ListMatch.NONE, Action.SKIP, List.of("[Probable spam]"), false, List.of()),
                new Case("blacklisted: tag", DEFAULT, ScanReport.of(as(ScanStatus.BLACKLISTED)),
                        ListMatch.NONE, Action.SKIP, List.of("[Blacklisted]"), false, List.of()),
                new Case("mass mailing: tag", DEFAULT, ScanReport.of(as(ScanStatus.MASS_MAILING)),
                        ListMatch.NONE, Action.SKIP, List.of("[Massmail]"), false, List.of()),
                new Case("phishing: reject (default)", DEFAULT, ScanReport.of(ap(ScanStatus.PHISHING)),
                        ListMatch.NONE, Action.REJECT, List.of("[Phishing]"), false, List.of()),
                new Case("error: skip (default)", DEFAULT, ScanReport.of(av(ScanStatus.ERROR), as(ScanStatus.ERROR)),
                        ListMatch.NONE, Action.SKIP, List.of(), false, List.of()),
                new Case("encrypted and corrupted: skip (default)", DEFAULT, ScanReport.of(av(ScanStatus.ENCRYPTED, "2")),
                        ListMatch.NONE, Action.SKIP, List.of(), false, List.of()),
                new Case("not scanned: skip", DEFAULT, ScanReport.of(av(ScanStatus.NOT_SCANNED)),
                        ListMatch.NONE, Action.SKIP, List.of(), false, List.of()),
                // each action configured
                new Case("spam set to delete message with backup", rule(set(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM, Action.DELETE_MESSAGE, true, "[Spam]")),
                        ScanReport.of(as(ScanStatus.SPAM)), ListMatch.NONE, Action.DELETE_MESSAGE, List.of("[Spam]"), true, List.of()),
                new Case("spam set to reject", rule(set(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM, Action.REJECT, false, "")),
                        ScanReport.of(as(ScanStatus.SPAM)), ListMatch.NONE, Action.REJECT, List.of(), false, List.of()),
                new Case("error set to reject", rule(set(ProtectionModule.ANTI_VIRUS, ScanStatus.ERROR, Action.REJECT, false, "[AV error]")),
                        ScanReport.of(av(ScanStatus.ERROR)), ListMatch.NONE, Action.REJECT, List.of("[AV error]"), false, List.of()),
                new Case("encrypted set to delete attachment", rule(set(ProtectionModule.ANTI_VIRUS, ScanStatus.ENCRYPTED, Action.DELETE_ATTACHMENT, false, "[Encrypted]")),
                        ScanReport.of(av(ScanStatus.ENCRYPTED, "2")), ListMatch.NONE, Action.DELETE_ATTACHMENT, List.of("[Encrypted]"), false, List.of("2")),
                new Case("delete attachment without a part becomes delete message", DEFAULT, ScanReport.of(av(ScanStatus.INFECTED)),
                        ListMatch.NONE, Action.DELETE_MESSAGE, List.of("[Infected]"), true, List.of()),
                new Case("content filter forbidden name, delete attachment", rule(enable(ProtectionModule.CONTENT_FILTERING).andThen(
                                set(ProtectionModule.CONTENT_FILTERING, ScanStatus.FORBIDDEN_NAME, Action.DELETE_ATTACHMENT, false, "[Banned attachment]"))::apply),
                        ScanReport.of(cf(ScanStatus.FORBIDDEN_NAME, "3")), ListMatch.NONE, Action.DELETE_ATTACHMENT, List.of("[Banned attachment]"), false, List.of("3")),
                // precedence and accumulation
                new Case("delete attachment + spam tag: both tags, delete attachment", DEFAULT,
                        ScanReport.of(av(ScanStatus.INFECTED, "2"), as(ScanStatus.SPAM)),
                        ListMatch.NONE, Action.DELETE_ATTACHMENT, List.of("[Infected]", "[Spam]"), true, List.of("2")),
                new Case("reject beats delete attachment", DEFAULT, ScanReport.of(av(ScanStatus.INFECTED, "2"), ap(ScanStatus.PHISHING)),
                        ListMatch.NONE, Action.REJECT, List.of("[Infected]", "[Phishing]"), true, List.of()),
                new Case("delete message beats reject", rule(set(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM, Action.DELETE_MESSAGE, false, "[Spam]")),
                        ScanReport.of(as(ScanStatus.SPAM), ap(ScanStatus.PHISHING)), ListMatch.NONE, Action.DELETE_MESSAGE, List.of("[Spam]", "[Phishing]"), false, List.of()),
                new Case("three modules fire: strictest wins, backups OR", rule(set(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM, Action.SKIP, true, "[Spam]")),
                        ScanReport.of(av(ScanStatus.INFECTED, "2", "4"), as(ScanStatus.SPAM), ap(ScanStatus.CLEAN)),
                        ListMatch.NONE, Action.DELETE_ATTACHMENT, List.of("[Infected]", "[Spam]"), true, List.of("2", "4")),
                new Case("same tag from two modules appears once", rule(set(ProtectionModule.ANTI_PHISHING, ScanStatus.PHISHING, Action.SKIP, false, "[Spam]")),
                        ScanReport.of(as(ScanStatus.SPAM), ap(ScanStatus.PHISHING)), ListMatch.NONE, Action.SKIP, List.of("[Spam]"), false, List.of()),
                new Case("disabled module's verdict is ignored", rule(disable(ProtectionModule.ANTI_PHISHING)),
                        ScanReport.of(ap(ScanStatus.PHISHING)), ListMatch.NONE, Action.SKIP, List.of(), false, List.of()),
                // modes
                new Case("reject without scanning", rule(d -> d.withMode(RuleMode.REJECT_WITHOUT_SCANNING)), ScanReport.of(),
                        ListMatch.NONE, Action.REJECT, List.of(), false, List.of()),
                new Case("delete without notifying", rule(d -> d.withMode(RuleMode.DELETE_WITHOUT_NOTIFYING)), ScanReport.of(),
                        ListMatch.NONE, Action.DELETE_MESSAGE, List.of(), false, List.of()),
                new Case("skip without scanning ignores verdicts", rule(d -> d.withMode(RuleMode.SKIP_WITHOUT_SCANNING)),
                        ScanReport.of(av(ScanStatus.INFECTED, "2")), ListMatch.NONE, Action.SKIP, List.of(), false, List.of()),
                // global lists
                new Case("deny list rejects", DEFAULT, ScanReport.of(), DENY_REJECT, Action.REJECT, List.of(), false, List.of()),
                new Case("deny list deletes when configured", DEFAULT, ScanReport.of(), DENY_DELETE, Action.DELETE_MESSAGE, List.of(), false, List.of()),
                new Case("deny list beats skip-without-scanning rule", rule(d -> d.withMode(RuleMode.SKIP_WITHOUT_SCANNING)),
                        ScanReport.of(), DENY_REJECT, Action.REJECT, List.of(), false, List.of()),
                new Case("deny wins when on both lists", DEFAULT, ScanReport.of(), BOTH, Action.REJECT, List.of(), false, List.of()),
                new Case("allow list skips anti-spam only", DEFAULT, ScanReport.of(as(ScanStatus.SPAM), av(ScanStatus.INFECTED, "2")),
                        ALLOW, Action.DELETE_ATTACHMENT, List.of("[Infected]"), true, List.of("2")),
                new Case("allow list: spam set to delete is not applied", rule(set(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM, Action.DELETE_MESSAGE, true, "[Spam]")),
                        ScanReport.of(as(ScanStatus.SPAM)), ALLOW, Action.SKIP, List.of(), false, List.of())
        ).map(c -> Arguments.of(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(Case c) {
        Disposition d = Decision.decide(c.report(), c.rule(), c.lists());
        assertThat(d.action()).isEqualTo(c.action());
        assertThat(d.subjectTags()).isEqualTo(c.tags());
        assertThat(d.backupCopy()).isEqualTo(c.backup());
        assertThat(d.partsToRemove()).extracting(PartRemoval::path).isEqualTo(c.removed());
        assertThat(d.ruleId()).isEqualTo(c.rule().ruleId());
        if (c.action() != Action.SKIP || !c.tags().isEmpty()) {
            assertThat(d.reasons()).as("every non-trivial decision says why").isNotEmpty();
        }
        // pure: same input, same output
        assertThat(Decision.decide(c.report(), c.rule(), c.lists())).isEqualTo(d);
    }

    static ModuleVerdict temporary(ProtectionModule module) {
        return new ModuleVerdict(module, ScanStatus.ERROR, List.of("dns-probe temporary failure: DNS timeout"), 0,
                List.of(), List.of(ScanStatus.ERROR), List.of(), true);
    }

    static UnaryOperator<RuleDefinition> temporaryFailure(ProtectionModule m, String value) {
        return d -> d.withModule(m, d.module(m).withOption(io.bulwark.events.rule.ModuleOption.TEMPORARY_FAILURE, value));
    }

    static Stream<Arguments> temporaryFailures() {
        UnaryOperator<RuleDefinition> errorRejects = set(ProtectionModule.ANTI_SPAM, ScanStatus.ERROR, Action.REJECT, false, "");
        return Stream.of(
                Arguments.of("temporary failure, default option: defer", DEFAULT,
                        ScanReport.of(temporary(ProtectionModule.ANTI_SPAM)), ListMatch.NONE, true, Action.SKIP),
                Arguments.of("defer even where ERROR rejects: never a 5xx for a temporary failure",
                        rule(errorRejects), ScanReport.of(temporary(ProtectionModule.ANTI_SPAM)), ListMatch.NONE, true,
                        Action.SKIP),
                Arguments.of("accept: the ERROR action (skip by default)",
                        rule(temporaryFailure(ProtectionModule.ANTI_SPAM, "accept")),
                        ScanReport.of(temporary(ProtectionModule.ANTI_SPAM)), ListMatch.NONE, false, Action.SKIP),
                Arguments.of("accept: the ERROR action as configured",
                        rule(d -> errorRejects.apply(temporaryFailure(ProtectionModule.ANTI_SPAM, "accept").apply(d))),
                        ScanReport.of(temporary(ProtectionModule.ANTI_SPAM)), ListMatch.NONE, false, Action.REJECT),
                Arguments.of("defer beside a removable virus", DEFAULT,
                        ScanReport.of(av(ScanStatus.INFECTED, "2"), temporary(ProtectionModule.ANTI_SPAM)), ListMatch.NONE,
                        true, Action.DELETE_ATTACHMENT),
                Arguments.of("a rejection found elsewhere is final", DEFAULT,
                        ScanReport.of(ap(ScanStatus.PHISHING), temporary(ProtectionModule.ANTI_SPAM)), ListMatch.NONE,
                        false, Action.REJECT),
                Arguments.of("a module the rule switches off does not defer", rule(disable(ProtectionModule.ANTI_SPAM)),
                        ScanReport.of(temporary(ProtectionModule.ANTI_SPAM)), ListMatch.NONE, false, Action.SKIP),
                Arguments.of("a permanent error does not defer", DEFAULT, ScanReport.of(av(ScanStatus.ERROR)),
                        ListMatch.NONE, false, Action.SKIP),
                Arguments.of("skip without scanning does not defer", rule(d -> d.withMode(RuleMode.SKIP_WITHOUT_SCANNING)),
                        ScanReport.of(temporary(ProtectionModule.ANTI_SPAM)), ListMatch.NONE, false, Action.SKIP),
                Arguments.of("the deny list does not defer", DEFAULT, ScanReport.of(temporary(ProtectionModule.ANTI_SPAM)),
                        DENY_REJECT, false, Action.REJECT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("temporaryFailures")
    void answersATemporaryFailurePerRule(String name, RuleEntry rule, ScanReport report, ListMatch lists,
            boolean deferred, Action action) {
        Disposition d = Decision.decide(report, rule, lists);
        assertThat(d.deferred()).isEqualTo(deferred);
        assertThat(d.action()).isEqualTo(action);
        if (deferred) {
            assertThat(d.reasons()).anyMatch(r -> r.contains("ANTI_SPAM ERROR (temporary) -> defer with 451"));
        }
    }

    @ParameterizedTest(name = "{0} {1} -> header {2}: {1}")
    @CsvSource({"ANTI_VIRUS, INFECTED, X-Bulwark-AntiVirus", "ANTI_SPAM, NOT_SPAM, X-Bulwark-AntiSpam",
            "ANTI_PHISHING, ERROR, X-Bulwark-AntiPhishing"})
    void addsOneStatusHeaderPerModuleThatRan(ProtectionModule module, ScanStatus status, String header) {
        ModuleVerdict v = new ModuleVerdict(module, status, List.of(), 0, status.partLevel() ? List.of("1") : List.of());
        Disposition d = Decision.decide(ScanReport.of(v), DEFAULT);
        assertThat(d.headers()).containsExactly(new HeaderField(header, status.name()));
    }

    @org.junit.jupiter.api.Test
    void everyStatusAModuleFoundActsWithItsOwnReaction() {
        ProtectionModule auth = ProtectionModule.SENDER_AUTHENTICATION;
        UnaryOperator<RuleDefinition> tagBoth = d -> set(auth, ScanStatus.SPF_FAIL, Action.SKIP, false, "[SPF fail]")
                .apply(set(auth, ScanStatus.DKIM_FAIL, Action.SKIP, true, "[DKIM fail]").apply(enable(auth).apply(d)));
        ModuleVerdict both = new ModuleVerdict(auth, ScanStatus.SPF_FAIL, List.of("spf: fail", "dkim: body hash"), 0,
                List.of(), List.of(ScanStatus.SPF_FAIL, ScanStatus.DKIM_FAIL), List.of(), false);

        Disposition tagged = Decision.decide(ScanReport.of(both), rule(tagBoth));
        assertThat(tagged.subjectTags()).containsExactly("[SPF fail]", "[DKIM fail]");
        assertThat(tagged.backupCopy()).as("the DKIM reaction's Backup copy").isTrue();
        assertThat(tagged.reasons()).anyMatch(r -> r.startsWith("SENDER_AUTHENTICATION SPF_FAIL -> SKIP"))
                .anyMatch(r -> r.startsWith("SENDER_AUTHENTICATION DKIM_FAIL -> SKIP"));

        UnaryOperator<RuleDefinition> rejectDkim = d -> set(auth, ScanStatus.DKIM_FAIL, Action.REJECT, false, "")
                .apply(tagBoth.apply(d));
        assertThat(Decision.decide(ScanReport.of(both), rule(rejectDkim)).action())
                .as("the second status's stricter action wins").isEqualTo(Action.REJECT);
    }

    @org.junit.jupiter.api.Test
    void headersAccumulateInModuleOrder() {
        Disposition d = Decision.decide(ScanReport.of(ap(ScanStatus.CLEAN), as(ScanStatus.SPAM), av(ScanStatus.CLEAN)), DEFAULT);
        assertThat(d.headers()).extracting(HeaderField::name)
                .containsExactly("X-Bulwark-AntiVirus", "X-Bulwark-AntiSpam", "X-Bulwark-AntiPhishing");
    }

    @org.junit.jupiter.api.Test
    void allowListedSendersGetAnAntiSpamNotScannedHeader() {
        Disposition d = Decision.decide(ScanReport.of(), DEFAULT, ALLOW);
        assertThat(d.headers()).containsExactly(new HeaderField("X-Bulwark-AntiSpam", "NOT_SCANNED (allow list)"));
    }

    @org.junit.jupiter.api.Test
    void theModuleSettingsOfAStatusWithoutEntryAreItsFactoryDefaults() {
        ModuleSettings empty = new ModuleSettings(true, java.util.Map.of());
        assertThat(empty.actionFor(ScanStatus.INFECTED)).isEqualTo(new StatusAction(Action.DELETE_ATTACHMENT, true, "[Infected]"));
    }
}
