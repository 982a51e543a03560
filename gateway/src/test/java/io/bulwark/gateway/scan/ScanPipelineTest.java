package io.bulwark.gateway.scan;

import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScanPipelineTest {
    private static final Envelope ENV = new Envelope("a@example.net", List.of("b@corp.example"), "192.0.2.1", "mx");
    private static final MessageView VIEW = new MessageViewParser().parse(TestMessages.plain("t", "hello"));

    record Fake(ProtectionModule module, Duration timeLimit, Behaviour behaviour) implements Scanner {
        interface Behaviour {
            ModuleVerdict run() throws Exception;
        }

        @Override
        public ModuleVerdict scan(MessageView message, Envelope envelope) throws Exception {
            return behaviour.run();
        }
    }

    @Test
    void aScannerThatOverrunsItsTimeLimitIsInterruptedAndReportsError() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        Scanner slow = new Fake(ProtectionModule.ANTI_SPAM, Duration.ofMillis(100), () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return null;
        });
        try (ScanPipeline p = new ScanPipeline(List.of(slow, new EicarAntiVirus(EicarAntiVirus.Limits.defaults())))) {
            ScanReport r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_SPAM, ProtectionModule.ANTI_VIRUS));
            assertThat(r.verdict(ProtectionModule.ANTI_SPAM).orElseThrow().status()).isEqualTo(ScanStatus.ERROR);
            assertThat(r.verdict(ProtectionModule.ANTI_SPAM).orElseThrow().reasons()).containsExactly("timed out after 100 ms");
            assertThat(r.verdict(ProtectionModule.ANTI_VIRUS).orElseThrow().status()).isEqualTo(ScanStatus.CLEAN);
            assertThat(r.durationMillis().get(ProtectionModule.ANTI_SPAM)).isBetween(90L, 1000L);
        }
        org.awaitility.Awaitility.await().until(() -> interrupted.get() == 1);
    }

    @Test
    void aScannerThatThrowsReportsErrorWithTheReason() {
        Scanner failing = new Fake(ProtectionModule.ANTI_VIRUS, Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("engine databases missing");
        });
        try (ScanPipeline p = new ScanPipeline(List.of(failing))) {
            ModuleVerdict v = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_VIRUS)).verdicts().get(0);
            assertThat(v.status()).isEqualTo(ScanStatus.ERROR);
            assertThat(v.reasons()).containsExactly("scanner failed: IllegalStateException: engine databases missing");
        }
    }

    @Test
    void aVerdictOfTheWrongModuleOrNoneIsAnError() {
        Scanner wrong = new Fake(ProtectionModule.ANTI_VIRUS, Duration.ofSeconds(5),
                () -> ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM));
        Scanner none = new Fake(ProtectionModule.ANTI_SPAM, Duration.ofSeconds(5), () -> null);
        try (ScanPipeline p = new ScanPipeline(List.of(wrong, none))) {
            ScanReport r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_VIRUS, ProtectionModule.ANTI_SPAM));
            assertThat(r.verdicts()).extracting(ModuleVerdict::status).containsOnly(ScanStatus.ERROR);
        }
    }

    @Test
    void runsOnlyTheRequestedModulesAndReportsMissingScannersAsNotScanned() {
        AtomicInteger runs = new AtomicInteger();
        Scanner counting = new Fake(ProtectionModule.ANTI_VIRUS, Duration.ofSeconds(5), () -> {
            runs.incrementAndGet();
            return ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.CLEAN);
        });
        try (ScanPipeline p = new ScanPipeline(List.of(counting))) {
            ScanReport r = p.scan(VIEW, ENV, EnumSet.of(ProtectionModule.ANTI_PHISHING));
            assertThat(runs).hasValue(0);
            assertThat(r.verdicts()).containsExactly(ModuleVerdict.of(ProtectionModule.ANTI_PHISHING,
                    ScanStatus.NOT_SCANNED, "no scanner installed for ANTI_PHISHING"));
        }
    }

    @Test
    void refusesTwoScannersForOneModule() {
        assertThatThrownBy(() -> new ScanPipeline(List.of(new GtubeAntiSpam(false), new GtubeAntiSpam(true))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRegistryHasTheTwoBuiltInScanners() {
        try (ScanPipeline p = new ScanPipeline(ScannerRegistry.defaults())) {
            assertThat(p.modules()).containsExactlyInAnyOrder(ProtectionModule.ANTI_VIRUS, ProtectionModule.ANTI_SPAM);
            ScanReport r = p.scan(new MessageViewParser().parse(TestMessages.plain("t", TestMessages.GTUBE)), ENV,
                    p.modules());
            assertThat(r.verdict(ProtectionModule.ANTI_SPAM).orElseThrow().status()).isEqualTo(ScanStatus.SPAM);
        }
    }
}
