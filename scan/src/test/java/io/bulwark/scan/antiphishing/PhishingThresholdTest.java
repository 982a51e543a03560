package io.bulwark.scan.antiphishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.pipeline.CheckRun;
import io.bulwark.scan.pipeline.ModuleJudge;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule's phishing-threshold decides PHISHING from the sum of the anti-phishing symbols. */
class PhishingThresholdTest {

    @ParameterizedTest(name = "score 60 under threshold {0} -> {1}")
    @CsvSource({"50, PHISHING", "60, PHISHING", "60.5, CLEAN", "100, CLEAN", "0, PHISHING"})
    void theRulesThresholdDecides(String threshold, ScanStatus expected) {
        DeceptiveLinkCheck check = new DeceptiveLinkCheck(List.of());
        byte[] msg = TestMessages.multipart("t", "Content-Type: text/html\r\n\r\n"
                + "<a href='https://evil.test/'>https://www.paypal.com</a>\r\n");
        try (CheckHarness h = new CheckHarness(check, DeceptiveLinkCheckTest.SERVICES)) {
            CheckRun run = h.run(msg);
            ModuleSettings settings = ModuleSettings.defaults(ProtectionModule.ANTI_PHISHING)
                    .withOption(ModuleOption.PHISHING_THRESHOLD, threshold);
            ModuleVerdict v = ModuleJudge.judge(ProtectionModule.ANTI_PHISHING, List.of(run), settings,
                    SymbolRegistry.of(List.of(check), Map.of()));
            assertThat(v.score()).isEqualTo(60.0);
            assertThat(v.status()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"0", "50"})
    void aMessageWithoutSymbolsIsCleanWhateverTheThreshold(String threshold) {
        DeceptiveLinkCheck check = new DeceptiveLinkCheck(List.of());
        try (CheckHarness h = new CheckHarness(check, DeceptiveLinkCheckTest.SERVICES)) {
            CheckRun run = h.run(TestMessages.plain("t", "no links"));
            ModuleVerdict v = ModuleJudge.judge(ProtectionModule.ANTI_PHISHING, List.of(run),
                    ModuleSettings.defaults(ProtectionModule.ANTI_PHISHING)
                            .withOption(ModuleOption.PHISHING_THRESHOLD, threshold),
                    SymbolRegistry.of(List.of(check), Map.of()));
            assertThat(v.status()).isEqualTo(ScanStatus.CLEAN);
        }
    }

    @org.junit.jupiter.api.Test
    void theOptionBelongsToAntiPhishingOnlyAndDefaultsToFifty() {
        assertThat(ModuleOption.of(ProtectionModule.ANTI_PHISHING)).contains(ModuleOption.PHISHING_THRESHOLD);
        assertThat(ModuleOption.of(ProtectionModule.ANTI_SPAM)).doesNotContain(ModuleOption.PHISHING_THRESHOLD);
        assertThat(ModuleOption.PHISHING_THRESHOLD.defaultValue()).isEqualTo("50");
        assertThat(ModuleOption.PHISHING_THRESHOLD.problemWith("101")).isNotNull();
    }
}
