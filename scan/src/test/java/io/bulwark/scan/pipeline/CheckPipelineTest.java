package io.bulwark.scan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CheckPipelineTest {
    private static final MessageView VIEW = new MessageViewParser()
            .parse("Subject: t\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
    private static final Envelope ENV = new Envelope("a@example.net", List.of("b@corp.example"), "192.0.2.1", "mx");

    /** A check made of a lambda, for the pipeline's own behaviour. */
    record TestCheck(String name, ProtectionModule module, Set<String> dependsOn, List<SymbolDefinition> symbols,
            Body body) implements Check {
        interface Body {
            CheckResult run(CheckContext context) throws Exception;
        }

        @Override
        public CheckResult run(CheckContext context) throws Exception {
            return body.run(context);
        }
    }

    private static SymbolDefinition symbol(String name, ProtectionModule module, double weight, ScanStatus implies) {
        return new SymbolDefinition(name, module, weight, implies, "");
    }

    private static CheckPipeline pipeline(List<Check> checks, Map<ProtectionModule, Duration> limits) {
        return new CheckPipeline(checks, SymbolRegistry.of(checks, Map.of()), limits, ScanServices.none());
    }

    @Test
    void aCheckThatDependsOnAnotherRunsAfterItAndSeesItsResult() {
        Check first = new TestCheck("first", ProtectionModule.SENDER_AUTHENTICATION, Set.of(),
                List.of(symbol("FIRST_FAIL", ProtectionModule.SENDER_AUTHENTICATION, 0, ScanStatus.SPF_FAIL)),
                c -> CheckResult.found(Symbol.of("FIRST_FAIL", "first failed")).withDetail("first's detail"));
        Check second = new TestCheck("second", ProtectionModule.ANTI_SPAM, Set.of("first"),
                List.of(symbol("SEEN_FIRST_FAIL", ProtectionModule.ANTI_SPAM, 5, null)),
                c -> c.result("first").outcome() == CheckOutcomeKind.FOUND
                        && c.result("first").detail(String.class).orElse("").equals("first's detail")
                        ? CheckResult.found(Symbol.of("SEEN_FIRST_FAIL", "saw it")) : CheckResult.clean());
        // installed in the "wrong" order on purpose: the pipeline orders by dependency
        try (CheckPipeline p = pipeline(List.of(second, first), Map.of())) {
            assertThat(p.checks()).extracting(Check::name).containsExactly("first", "second");
            ScanResults r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_SPAM));
            assertThat(r.runs()).extracting(run -> run.check().name()).containsExactly("first", "second");
            assertThat(r.runsOf(ProtectionModule.ANTI_SPAM).getFirst().symbols())
                    .extracting(s -> s.name() + "=" + s.score()).containsExactly("SEEN_FIRST_FAIL=5.0");
        }
    }

    @Test
    void aCheckThatFinishedInTimeLeavesNoDeadlineBehind() {
        Check quick = new TestCheck("quick", ProtectionModule.ANTI_SPAM, Set.of(), List.of(), c -> CheckResult.clean());
        try (CheckPipeline p = pipeline(List.of(quick), Map.of())) {
            for (int i = 0; i < 100; i++) {
                p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_SPAM));
            }
            // Each run scheduled a 30 s deadline and cancelled it; none may stay queued.
            assertThat(p.pendingDeadlines()).isZero();
        }
    }

    @Test
    void aCycleOrAMissingDependencyIsRefusedAtStartUp() {
        Check a = new TestCheck("a", ProtectionModule.ANTI_SPAM, Set.of("b"), List.of(), c -> CheckResult.clean());
        Check b = new TestCheck("b", ProtectionModule.ANTI_SPAM, Set.of("a"), List.of(), c -> CheckResult.clean());
        Check lonely = new TestCheck("lonely", ProtectionModule.ANTI_SPAM, Set.of("nobody"), List.of(),
                c -> CheckResult.clean());
        assertThatThrownBy(() -> pipeline(List.of(a, b), Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cycle").hasMessageContaining("a").hasMessageContaining("b");
        assertThatThrownBy(() -> pipeline(List.of(lonely), Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nobody");
    }

    /** A check that reads "first" and the optional "maybe", reporting what it saw of each as its reason. */
    private static Check readerOfAnOptionalDependency() {
        return new Check() {
            @Override
            public String name() {
                return "reader";
            }

            @Override
            public ProtectionModule module() {
                return ProtectionModule.ANTI_SPAM;
            }

            @Override
            public Set<String> dependsOn() {
                return Set.of("first", "maybe");
            }

            @Override
            public Set<String> optionalDependencies() {
                return Set.of("maybe");
            }

            @Override
            public List<SymbolDefinition> symbols() {
                return List.of();
            }

            @Override
            public CheckResult run(CheckContext c) {
                return CheckResult.clean(c.result("first").outcome() + "/" + c.result("maybe").outcome() + " "
                        + c.result("maybe").reason());
            }
        };
    }

    @Test
    void anOptionalDependencyThatIsNotInstalledIsSkippedInsteadOfRefused() {
        Check first = new TestCheck("first", ProtectionModule.SENDER_AUTHENTICATION, Set.of(), List.of(),
                c -> CheckResult.clean());
        try (CheckPipeline p = pipeline(List.of(readerOfAnOptionalDependency(), first), Map.of())) {
            ScanResults r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_SPAM));
            assertThat(r.runs()).extracting(run -> run.check().name()).containsExactly("first", "reader");
            assertThat(r.runs().getLast().result().reason()).isEqualTo("CLEAN/SKIPPED check maybe is not installed");
        }
    }

    @Test
    void anInstalledOptionalDependencyRunsFirstAndIsSeen() {
        Check first = new TestCheck("first", ProtectionModule.SENDER_AUTHENTICATION, Set.of(), List.of(),
                c -> CheckResult.clean());
        Check maybe = new TestCheck("maybe", ProtectionModule.SENDER_AUTHENTICATION, Set.of(), List.of(),
                c -> CheckResult.clean("here"));
        try (CheckPipeline p = pipeline(List.of(readerOfAnOptionalDependency(), maybe, first), Map.of())) {
            assertThat(p.checks()).extracting(Check::name).endsWith("reader");
            ScanResults r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_SPAM));
            assertThat(r.runs()).extracting(run -> run.check().name()).containsExactlyInAnyOrder("maybe", "first",
                    "reader");
            assertThat(r.runs().getLast().result().reason()).isEqualTo("CLEAN/CLEAN here");
        }
        // a required dependency stays required
        assertThatThrownBy(() -> pipeline(List.of(readerOfAnOptionalDependency(), maybe), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("first");
    }

    @Test
    void aConfiguredWeightForAnUnknownSymbolIsRefused() {
        Check gtube = new TestCheck("g", ProtectionModule.ANTI_SPAM, Set.of(),
                List.of(symbol("GTUBE", ProtectionModule.ANTI_SPAM, 100, null)), c -> CheckResult.clean());
        assertThatThrownBy(() -> SymbolRegistry.of(List.of(gtube), Map.of("GTUEB", 3.0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GTUEB");
        assertThat(SymbolRegistry.of(List.of(gtube), Map.of("GTUBE", 3.0)).weight("GTUBE")).isEqualTo(3.0);
    }

    @Test
    void aCheckThatOverrunsItsLimitIsTimedOutEvenIfItIgnoresInterrupts() {
        CountDownLatch release = new CountDownLatch(1);
        Check stubborn = new TestCheck("stubborn", ProtectionModule.ANTI_SPAM, Set.of(), List.of(), c -> {
            while (release.getCount() > 0) {
                Thread.onSpinWait(); // ignores interrupts on purpose
            }
            return CheckResult.clean();
        });
        try (CheckPipeline p = pipeline(List.of(stubborn), Map.of(ProtectionModule.ANTI_SPAM, Duration.ofMillis(100)))) {
            ScanResults r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_SPAM));
            assertThat(r.runs().getFirst().result().outcome()).isEqualTo(CheckOutcomeKind.TIMED_OUT);
            assertThat(r.runs().getFirst().result().reason()).isEqualTo("timed out after 100 ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void exceptionsAndUndeclaredSymbolsAreFailures() {
        Check throwing = new TestCheck("throwing", ProtectionModule.ANTI_VIRUS, Set.of(), List.of(), c -> {
            throw new IllegalStateException("engine databases missing");
        });
        Check liar = new TestCheck("liar", ProtectionModule.ANTI_SPAM, Set.of(), List.of(),
                c -> CheckResult.found(Symbol.of("NOT_MINE", "x")));
        try (CheckPipeline p = pipeline(List.of(throwing, liar), Map.of())) {
            ScanResults r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_VIRUS, ProtectionModule.ANTI_SPAM));
            assertThat(r.runs()).extracting(run -> run.result().outcome() + " " + run.result().reason())
                    .containsExactly("FAILED IllegalStateException: engine databases missing",
                            "FAILED reported the undeclared symbol NOT_MINE");
        }
    }

    @Test
    void onlyTheRequestedModulesAndTheirDependenciesRun() {
        Check av = new TestCheck("av", ProtectionModule.ANTI_VIRUS, Set.of(), List.of(), c -> CheckResult.clean());
        Check spam = new TestCheck("spam", ProtectionModule.ANTI_SPAM, Set.of(), List.of(), c -> CheckResult.clean());
        try (CheckPipeline p = pipeline(List.of(av, spam), Map.of())) {
            assertThat(p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_SPAM)).runs())
                    .extracting(run -> run.check().name()).containsExactly("spam");
            assertThat(p.scan(VIEW, ENV, EnumSet.noneOf(ProtectionModule.class)).runs()).isEmpty();
        }
    }

    // --- the module status from symbols and the rule's thresholds

    private static final Check RATING = new TestCheck("rating", ProtectionModule.ANTI_SPAM, Set.of(),
            List.of(symbol("FIFTY", ProtectionModule.ANTI_SPAM, 50, null)),
            c -> CheckResult.found(Symbol.of("FIFTY", "fifty points")));

    private static ModuleVerdict judgeSpam(ScanResults r, ModuleSettings settings, SymbolRegistry registry) {
        Function<ProtectionModule, ModuleSettings> s = m -> settings;
        return ModuleJudge.judge(r, s, registry).getFirst();
    }

    @Test
    void theAntiSpamStatusFollowsTheRulesThresholdsNotTheCheck() {
        List<Check> checks = List.of(RATING);
        SymbolRegistry registry = SymbolRegistry.of(checks, Map.of());
        try (CheckPipeline p = new CheckPipeline(checks, registry, Map.of(), ScanServices.none())) {
            ScanResults r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_SPAM));
            ModuleSettings defaults = ModuleSettings.defaults(ProtectionModule.ANTI_SPAM);
            assertThat(judgeSpam(r, defaults, registry).status()).isEqualTo(ScanStatus.PROBABLE_SPAM);
            assertThat(judgeSpam(r, defaults.withOption(ModuleOption.SPAM_THRESHOLD, "50"), registry).status())
                    .isEqualTo(ScanStatus.SPAM);
            assertThat(judgeSpam(r, defaults.withOption(ModuleOption.PROBABLE_SPAM_THRESHOLD, "60"), registry)
                    .status()).isEqualTo(ScanStatus.NOT_SPAM);
            assertThat(judgeSpam(r, defaults, registry).score()).isEqualTo(50.0);
        }
    }

    @Test
    void aWithheldModuleIsNotScannedWithItsReasonsWhateverItsChecksFound() {
        List<Check> checks = List.of(RATING);
        SymbolRegistry registry = SymbolRegistry.of(checks, Map.of());
        try (CheckPipeline p = new CheckPipeline(checks, registry, Map.of(), ScanServices.none())) {
            ScanResults r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_SPAM))
                    .withWithheld(Map.of(ProtectionModule.ANTI_SPAM, List.of("licence restriction", "why"),
                            ProtectionModule.ANTI_PHISHING, List.of("licence restriction", "why")));
            List<ModuleVerdict> verdicts = ModuleJudge.judge(r, ModuleSettings::defaults, registry);
            assertThat(verdicts).extracting(ModuleVerdict::module)
                    .containsExactly(ProtectionModule.ANTI_SPAM, ProtectionModule.ANTI_PHISHING);
            assertThat(verdicts).allSatisfy(v -> {
                assertThat(v.status()).isEqualTo(ScanStatus.NOT_SCANNED);
                assertThat(v.reasons()).containsExactly("licence restriction", "why");
            });
        }
    }

    @Test
    void twoFindingsOfOneModuleAreBothReportedMostSevereFirst() {
        Check spf = new TestCheck("spf", ProtectionModule.SENDER_AUTHENTICATION, Set.of(),
                List.of(symbol("SPF_FAIL", ProtectionModule.SENDER_AUTHENTICATION, 0, ScanStatus.SPF_FAIL)),
                c -> CheckResult.found(Symbol.of("SPF_FAIL", "spf fail")));
        Check dkim = new TestCheck("dkim", ProtectionModule.SENDER_AUTHENTICATION, Set.of(),
                List.of(symbol("DKIM_FAIL", ProtectionModule.SENDER_AUTHENTICATION, 0, ScanStatus.DKIM_FAIL)),
                c -> CheckResult.found(Symbol.of("DKIM_FAIL", "dkim fail")));
        List<Check> checks = List.of(dkim, spf);
        SymbolRegistry registry = SymbolRegistry.of(checks, Map.of());
        try (CheckPipeline p = new CheckPipeline(checks, registry, Map.of(), ScanServices.none())) {
            ScanResults r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.SENDER_AUTHENTICATION));
            ModuleVerdict v = ModuleJudge.judge(r, m -> ModuleSettings.defaults(m), registry).getFirst();
            assertThat(v.statuses()).containsExactly(ScanStatus.SPF_FAIL, ScanStatus.DKIM_FAIL);
            assertThat(v.status()).isEqualTo(ScanStatus.SPF_FAIL);
        }
    }

    @Test
    void aTemporaryFailureIsAnErrorMarkedTemporaryUnlessSomethingWasFound() {
        Check dns = new TestCheck("dnsbl", ProtectionModule.ANTI_SPAM, Set.of(), List.of(),
                c -> CheckResult.temporaryFailure("DNS timeout for 2.0.0.127.zen.example"));
        List<Check> checks = List.of(dns);
        SymbolRegistry registry = SymbolRegistry.of(checks, Map.of());
        try (CheckPipeline p = new CheckPipeline(checks, registry, Map.of(), ScanServices.none())) {
            ModuleVerdict v = judgeSpam(p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_SPAM)),
                    ModuleSettings.defaults(ProtectionModule.ANTI_SPAM), registry);
            assertThat(v.status()).isEqualTo(ScanStatus.ERROR);
            assertThat(v.temporary()).isTrue();
            assertThat(v.reasons()).containsExactly("dnsbl temporary failure: DNS timeout for 2.0.0.127.zen.example");
        }
        List<Check> both = List.of(dns, RATING);
        SymbolRegistry registry2 = SymbolRegistry.of(both, Map.of());
        try (CheckPipeline p = new CheckPipeline(both, registry2, Map.of(), ScanServices.none())) {
            ModuleVerdict v = judgeSpam(p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_SPAM)),
                    ModuleSettings.defaults(ProtectionModule.ANTI_SPAM), registry2);
            assertThat(v.status()).isEqualTo(ScanStatus.PROBABLE_SPAM);
            assertThat(v.temporary()).isFalse();
        }
    }

    @Test
    void aModuleWithoutChecksIsNotScanned() {
        try (CheckPipeline p = pipeline(List.of(), Map.of())) {
            ScanResults r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_PHISHING));
            ModuleVerdict v = ModuleJudge.judge(r, m -> ModuleSettings.defaults(m), p.symbols()).getFirst();
            assertThat(v.status()).isEqualTo(ScanStatus.NOT_SCANNED);
        }
    }
}
