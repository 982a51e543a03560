package io.bulwark.scan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsResult;
import io.bulwark.scan.pipeline.CheckPipelineTest.TestCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CheckPipelineWarmUpTest {
    private static CheckPipeline pipeline(List<Check> checks, ScanServices services) {
        return new CheckPipeline(checks, SymbolRegistry.of(checks, Map.of()), Map.of(), services);
    }

    @Test
    void everyCheckRunsOnceOnAPlatformThreadInDependencyOrderAndSeesTheSample() {
        Map<String, String> seen = new ConcurrentHashMap<>();
        Check first = new TestCheck("first", ProtectionModule.SENDER_AUTHENTICATION, Set.of(), List.of(), c -> {
            seen.put("first", (Thread.currentThread().isVirtual() ? "virtual" : "platform") + " "
                    + c.message().header("Subject").orElse("?") + " parts=" + c.message().parts().size());
            return CheckResult.clean();
        });
        Check second = new TestCheck("second", ProtectionModule.ANTI_SPAM, Set.of("first"), List.of(), c -> {
            seen.put("second", c.result("first").outcome().name());
            return CheckResult.clean();
        });
        try (CheckPipeline p = pipeline(List.of(second, first), ScanServices.none())) {
            List<CheckRun> runs = p.warmUp(Duration.ofSeconds(30));
            assertThat(runs).extracting(r -> r.check().name()).containsExactly("first", "second");
            assertThat(seen.get("first")).startsWith("platform Bulwark start-up warm-up parts=");
            assertThat(seen.get("first")).doesNotEndWith("parts=1");
            assertThat(seen.get("second")).isEqualTo("CLEAN");
        }
    }

    @Test
    void dnsIsNeverAskedDuringTheWarmUp() {
        DnsLookup network = DnsLookup.offline("the real resolver");
        ScanServices services = ScanServices.builder().perMessage(DnsLookup.class, () -> network).build();
        Map<String, String> answers = new ConcurrentHashMap<>();
        Check dns = new TestCheck("dns", ProtectionModule.SENDER_AUTHENTICATION, Set.of(), List.of(), c -> {
            DnsResult<String> r = c.service(DnsLookup.class).txt("example.com");
            answers.put("txt", r instanceof DnsResult.TemporaryFailure<String> t ? t.reason() : r.toString());
            return CheckResult.clean();
        });
        try (CheckPipeline p = pipeline(List.of(dns), services)) {
            p.warmUp(Duration.ofSeconds(30));
        }
        assertThat(answers.get("txt")).isEqualTo("start-up warm-up: DNS is not asked");
    }

    @Test
    void aCheckThatThrowsIsReportedAndTheOthersStillRun() {
        Check broken = new TestCheck("broken", ProtectionModule.ANTI_VIRUS, Set.of(), List.of(), c -> {
            throw new NoClassDefFoundError("org/example/Missing");
        });
        Check after = new TestCheck("after", ProtectionModule.ANTI_SPAM, Set.of(), List.of(), c -> CheckResult.clean());
        try (CheckPipeline p = pipeline(List.of(broken, after), ScanServices.none())) {
            List<CheckRun> runs = p.warmUp(Duration.ofSeconds(30));
            assertThat(runs).extracting(r -> r.check().name() + " " + r.result().outcome())
                    .containsExactly("broken FAILED", "after CLEAN");
            assertThat(runs.getFirst().result().reason()).contains("NoClassDefFoundError", "org/example/Missing");
        }
    }

    @Test
    void aCheckThatHangsDoesNotHoldTheStartUp() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Check quick = new TestCheck("quick", ProtectionModule.ANTI_SPAM, Set.of(), List.of(), c -> CheckResult.clean());
        Check stuck = new TestCheck("stuck", ProtectionModule.ANTI_VIRUS, Set.of(), List.of(), c -> {
            never.await();
            return CheckResult.clean();
        });
        try (CheckPipeline p = pipeline(List.of(quick, stuck), ScanServices.none())) {
            List<CheckRun> runs = p.warmUp(Duration.ofMillis(200));
            assertThat(runs).extracting(r -> r.check().name() + " " + r.result().outcome())
                    .containsExactly("quick " + CheckOutcomeKind.CLEAN);
        } finally {
            never.countDown();
        }
    }
}
