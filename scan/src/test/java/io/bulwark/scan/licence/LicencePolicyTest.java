package io.bulwark.scan.licence;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.LicenceKeyBlockedEvent;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceKeyInstalledEvent;
import io.bulwark.events.licence.LicenceKeyPromotedEvent;
import io.bulwark.events.licence.LicenceKeyRemovedEvent;
import io.bulwark.events.licence.LicenceKeyUnblockedEvent;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.events.licence.LicenceType;
import io.bulwark.events.scan.ProtectionModule;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The modes table (reference notes E) as {@link LicencePolicy} reads it, and the register's reading of the events. */
class LicencePolicyTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");

    static LicenceKeyFacts key(String number, LicenceType type, FunctionalityLevel level, int graceDays) {
        return new LicenceKeyFacts(number, "Example Ltd", "Bulwark", "mailboxes", 100, START, EXPIRY, type, graceDays,
                level, "0011223344556677", "ab");
    }

    private static LicenceRegister with(LicenceKeyFacts key) {
        return LicenceRegister.EMPTY.apply(new LicenceKeyInstalledEvent(LicenceSlot.ACTIVE, key, null, "key-file",
                "admin", START));
    }

    @ParameterizedTest(name = "{0} {1} at {2}: {3}, scanning {4}, updates {5}")
    @CsvSource({
            "TRIAL,        FULL,       2026-06-01T00:00:00Z, VALID,         true,  true,  TRIAL",
            "TRIAL,        FULL,       2026-12-20T00:00:00Z, EXPIRES_SOON,  true,  true,  TRIAL",
            "TRIAL,        FULL,       2027-01-01T00:00:00Z, TRIAL_EXPIRED, false, false, TRIAL",
            "COMMERCIAL,   FULL,       2026-06-01T00:00:00Z, VALID,         true,  true,  COMMERCIAL",
            "COMMERCIAL,   FULL,       2027-02-01T00:00:00Z, EXPIRED,       true,  false, COMMERCIAL",
            "COMMERCIAL,   FULL,       2025-12-31T00:00:00Z, NOT_YET_VALID, false, false, COMMERCIAL",
            "SUBSCRIPTION, FULL,       2027-01-10T00:00:00Z, GRACE_PERIOD,  true,  true,  SUBSCRIPTION",
            "SUBSCRIPTION, FULL,       2027-01-15T00:00:00Z, EXPIRED,       true,  false, SUBSCRIPTION",
            "COMMERCIAL,   ANTI_VIRUS, 2026-06-01T00:00:00Z, VALID,         true,  true,  COMMERCIAL",
    })
    void theModesTable(LicenceType type, FunctionalityLevel level, Instant at, LicencePhase phase, boolean scanning,
            boolean updates, LicenceMode mode) {
        LicenceStatus status = LicencePolicy.evaluate(with(key("BW-1", type, level, 14)), at, LicenceSettings.DEFAULTS);
        assertThat(status.phase()).isEqualTo(phase);
        assertThat(status.mode()).isEqualTo(mode);
        assertThat(status.scanningAllowed()).isEqualTo(scanning);
        assertThat(status.updatesAllowed()).isEqualTo(updates);
        if (!scanning) {
            assertThat(status.withheld()).containsOnlyKeys(ProtectionModule.values());
        } else if (level == FunctionalityLevel.ANTI_VIRUS) {
            assertThat(status.withheld()).containsOnlyKeys(ProtectionModule.ANTI_SPAM, ProtectionModule.ANTI_PHISHING);
            assertThat(status.withheld().get(ProtectionModule.ANTI_SPAM)).contains("anti-virus protection only");
        } else {
            assertThat(status.withheld()).isEmpty();
        }
    }

    @Test
    void withoutEverAKeyAndWithoutEnforcementEverythingScansInCommunityMode() {
        LicenceStatus status = LicencePolicy.evaluate(LicenceRegister.EMPTY, START, LicenceSettings.DEFAULTS);
        assertThat(status.mode()).isEqualTo(LicenceMode.COMMUNITY);
        assertThat(status.scanningAllowed()).isTrue();
        assertThat(status.updatesAllowed()).isTrue();
        assertThat(status.withheld()).isEmpty();
        assertThat(status.warning()).isFalse();
        assertThat(LicenceGate.UNRESTRICTED.updatesAllowed()).isTrue();
    }

    @Test
    void enforcedWithoutAKeyIsUnlicensedAndScansNothing() {
        LicenceStatus status = LicencePolicy.evaluate(LicenceRegister.EMPTY, START, new LicenceSettings(true, 30));
        assertThat(status.mode()).isEqualTo(LicenceMode.UNLICENSED);
        assertThat(status.scanningAllowed()).isFalse();
        assertThat(status.updatesAllowed()).isFalse();
        assertThat(status.withheld()).containsOnlyKeys(ProtectionModule.values());
    }

    @Test
    void onceAKeyWasInstalledRemovingItLeavesTheInstallationUnlicensed() {
        LicenceKeyFacts key = key("BW-1", LicenceType.COMMERCIAL, FunctionalityLevel.FULL, 0);
        LicenceRegister register = with(key).apply(new LicenceKeyRemovedEvent(LicenceSlot.ACTIVE, key, "admin", START));
        assertThat(register.active()).isNull();
        assertThat(LicencePolicy.evaluate(register, START, LicenceSettings.DEFAULTS).mode())
                .isEqualTo(LicenceMode.UNLICENSED);
    }

    @Test
    void aBlockedKeyStopsScanningButUpdatesKeepBeingTriedUntilItIsUnblocked() {
        LicenceRegister blocked = with(key("BW-1", LicenceType.COMMERCIAL, FunctionalityLevel.FULL, 0))
                .apply(new LicenceKeyBlockedEvent("BW-1", "refunded", "admin", START));
        LicenceStatus status = LicencePolicy.evaluate(blocked, START.plusSeconds(1), LicenceSettings.DEFAULTS);
        assertThat(status.mode()).isEqualTo(LicenceMode.BLOCKED);
        assertThat(status.scanningAllowed()).isFalse();
        assertThat(status.updatesAllowed()).isTrue();
        LicenceRegister unblocked = blocked.apply(new LicenceKeyUnblockedEvent("BW-1", "admin", START));
        assertThat(LicencePolicy.evaluate(unblocked, START.plusSeconds(1), LicenceSettings.DEFAULTS).mode())
                .isEqualTo(LicenceMode.COMMERCIAL);
    }

    @Test
    void daysLeftAreRoundedUpAndTheWarningPeriodIsASetting() {
        LicenceRegister register = with(key("BW-1", LicenceType.COMMERCIAL, FunctionalityLevel.FULL, 0));
        Instant tenDaysBefore = EXPIRY.minus(Duration.ofDays(10)).plusSeconds(5);
        LicenceStatus status = LicencePolicy.evaluate(register, tenDaysBefore, LicenceSettings.DEFAULTS);
        assertThat(status.phase()).isEqualTo(LicencePhase.EXPIRES_SOON);
        assertThat(status.daysLeft()).isEqualTo(10);
        assertThat(status.warning()).isTrue();
        assertThat(status.message()).contains("expires in 10 days");
        assertThat(LicencePolicy.evaluate(register, tenDaysBefore, new LicenceSettings(false, 7)).phase())
                .isEqualTo(LicencePhase.VALID);
    }

    @Test
    void eventsAppliedTwiceLeaveTheRegisterAsOnce() {
        LicenceKeyFacts active = key("BW-1", LicenceType.COMMERCIAL, FunctionalityLevel.FULL, 0);
        LicenceKeyFacts renewal = key("BW-2", LicenceType.COMMERCIAL, FunctionalityLevel.FULL, 0);
        Object[] events = {
                new LicenceKeyInstalledEvent(LicenceSlot.ACTIVE, active, null, "key-file", "admin", START),
                new LicenceKeyInstalledEvent(LicenceSlot.ADDITIONAL, renewal, null, "activation-code", "admin", START),
                new LicenceKeyPromotedEvent(renewal, "BW-1", "active key expired", "system", EXPIRY),
                new LicenceKeyBlockedEvent("BW-9", "stolen", "admin", EXPIRY)};
        LicenceRegister once = LicenceRegister.EMPTY;
        LicenceRegister twice = LicenceRegister.EMPTY;
        for (Object event : events) {
            once = once.apply(event);
            twice = twice.apply(event).apply(event);
        }
        assertThat(twice).isEqualTo(once);
        assertThat(once.active().licenceNumber()).isEqualTo("BW-2");
        assertThat(once.additional()).isNull();
        assertThat(once.blocked()).isEqualTo(Set.of("BW-9"));
    }
}
