package io.bulwark.events.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CriteriaPatternsTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "*@example.com, bob@example.com, true",
            "*@example.com, bob@EXAMPLE.com, true",
            "*@example.com, bob@sub.example.com, false",
            "example.com, bob@example.com, true",
            "*.example.com, bob@sub.example.com, true",
            "*.example.com, bob@example.com, false",
            "j?hn@*, john@x.org, true",
            "j?hn@*, joohn@x.org, false",
            "a.b@x.org, axb@x.org, false",
            "re:.*@(eu|us)\\.example\\.com, x@EU.example.com, true",
            "re:.*@(eu|us)\\.example\\.com, x@asia.example.com, false",
            "<>, '', true",
            "<>, a@b.c, false",
            "*, '', true",
            "*, <a@b.c>, true"})
    void addressPatternsMatchCaseInsensitively(String pattern, String address, boolean expected) {
        assertThat(AddressPattern.parse(pattern).matches(address)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "re:", "re:(", "a@b@c", "a b@c", "a,b@c", "<x>@y"})
    void invalidAddressPatternsAreRefused(String pattern) {
        assertThat(AddressPattern.isValid(pattern)).isFalse();
        assertThatThrownBy(() -> AddressPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} contains {1} = {2}")
    @CsvSource({
            "192.0.2.0/24, 192.0.2.200, true",
            "192.0.2.0/24, 192.0.3.1, false",
            "192.0.2.7, 192.0.2.7, true",
            "192.0.2.7, 192.0.2.8, false",
            "10.1.2.3/8, 10.200.0.1, true",
            "0.0.0.0/0, 203.0.113.5, true",
            "0.0.0.0/0, 2001:db8::1, false",
            "192.0.2.0/24, ::ffff:192.0.2.9, true",
            "192.0.2.0/24, [192.0.2.9], true",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "2001:db8::1, 2001:DB8:0:0:0:0:0:1, true",
            "2001:db8::1, [IPv6:2001:db8::1], true",
            "fe80::/10, fe80::1%eth0, true",
            "::ffff:192.0.2.0/120, 192.0.2.1, true",
            "192.0.2.0/24, not-an-ip, false"})
    void networksContainAddresses(String network, String address, boolean expected) {
        assertThat(IpNetwork.parse(network).contains(address)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/-1",
            "2001:db8::/129", "2001:db8:::1", "mail.example.com", "01.2.3.4x", "::ffff:1.2.3.4/95"})
    void invalidNetworksAreRefusedWithoutDnsLookups(String network) {
        assertThat(IpNetwork.isValid(network)).isFalse();
    }

    @Test
    void strictestActionWins() {
        assertThat(Action.strictest(Action.SKIP, Action.DELETE_ATTACHMENT)).isEqualTo(Action.DELETE_ATTACHMENT);
        assertThat(Action.strictest(Action.REJECT, Action.DELETE_ATTACHMENT)).isEqualTo(Action.REJECT);
        assertThat(Action.strictest(Action.REJECT, Action.DELETE_MESSAGE)).isEqualTo(Action.DELETE_MESSAGE);
        assertThat(Action.strictest(Action.DELETE_MESSAGE, Action.SKIP)).isEqualTo(Action.DELETE_MESSAGE);
    }

    @Test
    void aVerdictMustUseAStatusOfItsModule() {
        assertThatThrownBy(() -> ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.SPAM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ProtectionModule.ANTI_VIRUS.statuses()).containsExactly(ScanStatus.CLEAN, ScanStatus.NOT_SCANNED,
                ScanStatus.ERROR, ScanStatus.INFECTED, ScanStatus.PROBABLY_INFECTED, ScanStatus.ENCRYPTED, ScanStatus.CORRUPTED);
        assertThat(ProtectionModule.ANTI_SPAM.statuses()).contains(ScanStatus.SPAM, ScanStatus.PROBABLE_SPAM,
                ScanStatus.BLACKLISTED, ScanStatus.MASS_MAILING, ScanStatus.NOT_SPAM).doesNotContain(ScanStatus.CLEAN);
    }

    @Test
    void everyModuleHasNotScannedAndError() {
        for (ProtectionModule m : ProtectionModule.values()) {
            assertThat(m.statuses()).contains(ScanStatus.NOT_SCANNED, ScanStatus.ERROR);
            assertThat(ModuleSettings.defaults(m).actionFor(ScanStatus.ERROR).action()).isEqualTo(Action.SKIP);
        }
    }

    @Test
    void presetsAreAllowListDenyListAndDefaultLast() {
        List<RuleEntry> presets = RulePresets.initialRules();
        assertThat(presets).extracting(RuleEntry::name).containsExactly("AllowList", "DenyList", "Default");
        assertThat(presets).extracting(RuleEntry::enabled).containsExactly(false, false, true);
    }
}
