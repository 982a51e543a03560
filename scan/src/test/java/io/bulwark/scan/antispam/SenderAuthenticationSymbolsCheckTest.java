package io.bulwark.scan.antispam;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderAuthenticationSymbolsCheckTest {
    private static final ProtectionModule AUTH = ProtectionModule.SENDER_AUTHENTICATION;

    @Test
    void failuresOfTheSenderAuthenticationChecksBecomeAntiSpamSymbols() {
        try (CheckHarness h = new CheckHarness(new SenderAuthenticationSymbolsCheck(), ScanServices.none(), List.of(
                CheckHarness.given("spf", AUTH, CheckResult.found(Symbol.of("SPF_FAIL", "spf says no"))),
                CheckHarness.given("dmarc", AUTH, CheckResult.found(Symbol.of("DMARC_FAIL", "not aligned"),
                        Symbol.of("DMARC_POLICY_REJECT", "p=reject")))))) {
            ModuleVerdict v = h.verdict(TestMessages.plain("hi", "hello"));
            assertThat(v.symbols()).extracting(s -> s.name()).containsExactly("AS_DMARC_FAIL", "AS_SPF_FAIL");
            assertThat(v.score()).isEqualTo(40.0);
            assertThat(v.status()).isEqualTo(ScanStatus.PROBABLE_SPAM);
        }
    }

    @Test
    void missingOrPassingChecksAddNothingButAnArcPassCountsForTheMessage() {
        try (CheckHarness none = new CheckHarness(new SenderAuthenticationSymbolsCheck(), ScanServices.none());
                CheckHarness arc = new CheckHarness(new SenderAuthenticationSymbolsCheck(), ScanServices.none(),
                        List.of(CheckHarness.given("spf", AUTH, CheckResult.found(Symbol.of("SPF_PASS", "ok"))),
                                CheckHarness.given("arc", AUTH, CheckResult.found(Symbol.of("ARC_PASS", "chain ok")))))) {
            ModuleVerdict nothing = none.verdict(TestMessages.plain("hi", "hello"));
            assertThat(nothing.symbols()).isEmpty();
            assertThat(nothing.status()).isEqualTo(ScanStatus.NOT_SPAM);
            ModuleVerdict vouched = arc.verdict(TestMessages.plain("hi", "hello"));
            assertThat(vouched.symbols()).extracting(s -> s.name()).containsExactly("AS_ARC_PASS");
            assertThat(vouched.score()).isZero();
        }
    }
}
