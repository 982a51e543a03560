package io.bulwark.admin.licence;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.licence.BlockLicenceKeyCommand;
import io.bulwark.events.licence.CheckLicenceCommand;
import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.InstallLicenceKeyCommand;
import io.bulwark.events.licence.LicenceIds;
import io.bulwark.events.licence.LicenceKeyBlockedEvent;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceKeyInstalledEvent;
import io.bulwark.events.licence.LicenceKeyPromotedEvent;
import io.bulwark.events.licence.LicenceKeyRemovedEvent;
import io.bulwark.events.licence.LicenceKeyUnblockedEvent;
import io.bulwark.events.licence.LicenceNotice;
import io.bulwark.events.licence.LicenceNoticeRaisedEvent;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.events.licence.LicenceType;
import io.bulwark.events.licence.RemoveLicenceKeyCommand;
import io.bulwark.events.licence.UnblockLicenceKeyCommand;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given-when-then for every licence command, refusals and the check's once-per-transition notices included. */
class LicenceTest {
    private static final String ADMIN = "admin";
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private AggregateTestFixture<Licence> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Licence.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    private static LicenceKeyFacts key(String number, LicenceType type, Instant start, Instant expiry) {
        return key(number, type, FunctionalityLevel.FULL, start, expiry, type == LicenceType.SUBSCRIPTION ? 14 : 0);
    }

    private static LicenceKeyFacts key(String number, LicenceType type, FunctionalityLevel level, Instant start,
            Instant expiry, int grace) {
        return new LicenceKeyFacts(number, "Example Ltd", "Bulwark", "mailboxes", 100, start, expiry, type, grace, level,
                "0011223344556677", "sha-" + number);
    }

    /** Valid from a year ago for a year from T0. */
    private static LicenceKeyFacts current(String number, LicenceType type) {
        return key(number, type, T0.minus(DAY.multipliedBy(365)), T0.plus(DAY.multipliedBy(365)));
    }

    private static LicenceKeyInstalledEvent installed(LicenceSlot slot, LicenceKeyFacts key, String replaced) {
        return new LicenceKeyInstalledEvent(slot, key, replaced, LicenceIds.SOURCE_FILE, ADMIN, T0);
    }

    private static InstallLicenceKeyCommand install(LicenceSlot slot, LicenceKeyFacts key) {
        return new InstallLicenceKeyCommand(slot, key, LicenceIds.SOURCE_FILE, ADMIN);
    }

    private static CheckLicenceCommand check() {
        return new CheckLicenceCommand(30, false, LicenceIds.SYSTEM_ACTOR);
    }

    private static LicenceNoticeRaisedEvent notice(LicenceNotice notice, LicenceKeyFacts key, Integer daysLeft,
            boolean scanning, boolean updates, String reason, Instant at) {
        return new LicenceNoticeRaisedEvent(notice, key == null ? null : key.licenceNumber(),
                key == null ? null : key.functionality(), key == null ? null : key.type(), daysLeft,
                key == null ? null : key.expiry(), scanning, updates, reason, LicenceIds.SYSTEM_ACTOR, at);
    }

    @Test
    void installsTheFirstKeyAsTheActiveKey() {
        LicenceKeyFacts trial = current("BW-T1", LicenceType.TRIAL);
        fixture.givenNoPriorActivity().andGivenCurrentTime(T0)
                .when(install(LicenceSlot.ACTIVE, trial))
                .expectEvents(installed(LicenceSlot.ACTIVE, trial, null));
    }

    @Test
    void installingAnActiveKeyReplacesTheOneInForce() {
        LicenceKeyFacts trial = current("BW-T1", LicenceType.TRIAL);
        LicenceKeyFacts commercial = key("BW-C1", LicenceType.COMMERCIAL, T0.minus(DAY.multipliedBy(400)),
                T0.minus(DAY.multipliedBy(35)));
        fixture.given(installed(LicenceSlot.ACTIVE, trial, null)).andGivenCurrentTime(T0)
                .when(install(LicenceSlot.ACTIVE, commercial))
                .expectEvents(installed(LicenceSlot.ACTIVE, commercial, "BW-T1"));
    }

    @Test
    void aTrialKeyInstallsOnce() {
        LicenceKeyFacts trial = current("BW-T1", LicenceType.TRIAL);
        fixture.given(installed(LicenceSlot.ACTIVE, trial, null),
                        new LicenceKeyRemovedEvent(LicenceSlot.ACTIVE, trial, ADMIN, T0))
                .andGivenCurrentTime(T0)
                .when(install(LicenceSlot.ACTIVE, trial))
                .expectException(LicenceConflictException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("can be used once"))
                .expectNoEvents();
    }

    @Test
    void anExpiredTrialIsRefusedButAnExpiredCommercialKeyInstalls() {
        LicenceKeyFacts oldTrial = key("BW-T0", LicenceType.TRIAL, T0.minus(DAY.multipliedBy(60)), T0.minus(DAY));
        fixture.givenNoPriorActivity().andGivenCurrentTime(T0)
                .when(install(LicenceSlot.ACTIVE, oldTrial))
                .expectException(InvalidLicenceKeyException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("cannot be activated"));
        LicenceKeyFacts oldCommercial = key("BW-C0", LicenceType.COMMERCIAL, T0.minus(DAY.multipliedBy(60)),
                T0.minus(DAY));
        fixture.givenNoPriorActivity().andGivenCurrentTime(T0)
                .when(install(LicenceSlot.ACTIVE, oldCommercial))
                .expectEvents(installed(LicenceSlot.ACTIVE, oldCommercial, null));
    }

    @Test
    void aKeyNotValidYetGoesInAsTheAdditionalKeyOnly() {
        LicenceKeyFacts active = current("BW-C1", LicenceType.COMMERCIAL);
        LicenceKeyFacts renewal = key("BW-C2", LicenceType.COMMERCIAL, T0.plus(DAY.multipliedBy(365)),
                T0.plus(DAY.multipliedBy(730)));
        fixture.given(installed(LicenceSlot.ACTIVE, active, null)).andGivenCurrentTime(T0)
                .when(install(LicenceSlot.ACTIVE, renewal))
                .expectException(InvalidLicenceKeyException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("add it as the additional key"));
        fixture.given(installed(LicenceSlot.ACTIVE, active, null)).andGivenCurrentTime(T0)
                .when(install(LicenceSlot.ADDITIONAL, renewal))
                .expectEvents(installed(LicenceSlot.ADDITIONAL, renewal, null));
    }

    @Test
    void anAdditionalKeyNeedsAnActiveOneAndMustNotHaveExpired() {
        LicenceKeyFacts renewal = current("BW-C2", LicenceType.COMMERCIAL);
        fixture.givenNoPriorActivity().andGivenCurrentTime(T0)
                .when(install(LicenceSlot.ADDITIONAL, renewal))
                .expectException(InvalidLicenceKeyException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("Install an active key first"));
        LicenceKeyFacts old = key("BW-C0", LicenceType.COMMERCIAL, T0.minus(DAY.multipliedBy(60)), T0.minus(DAY));
        fixture.given(installed(LicenceSlot.ACTIVE, current("BW-C1", LicenceType.COMMERCIAL), null))
                .andGivenCurrentTime(T0)
                .when(install(LicenceSlot.ADDITIONAL, old))
                .expectException(InvalidLicenceKeyException.class)
                .expectNoEvents();
    }

    @Test
    void removingTheActiveKeyPromotesTheAdditionalOne() {
        LicenceKeyFacts active = current("BW-C1", LicenceType.COMMERCIAL);
        LicenceKeyFacts renewal = current("BW-C2", LicenceType.COMMERCIAL);
        fixture.given(installed(LicenceSlot.ACTIVE, active, null), installed(LicenceSlot.ADDITIONAL, renewal, null))
                .andGivenCurrentTime(T0)
                .when(new RemoveLicenceKeyCommand(LicenceSlot.ACTIVE, ADMIN))
                .expectEvents(new LicenceKeyRemovedEvent(LicenceSlot.ACTIVE, active, ADMIN, T0),
                        new LicenceKeyPromotedEvent(renewal, "BW-C1", "the active key was removed", ADMIN, T0));
    }

    @Test
    void removingAnEmptySlotIsUnknown() {
        fixture.givenNoPriorActivity()
                .when(new RemoveLicenceKeyCommand(LicenceSlot.ADDITIONAL, ADMIN))
                .expectException(UnknownLicenceKeyException.class)
                .expectNoEvents();
    }

    @Test
    void aBlockedLicenceDoesNotInstallUntilUnblocked() {
        LicenceKeyFacts key = current("BW-C9", LicenceType.COMMERCIAL);
        fixture.givenNoPriorActivity().andGivenCurrentTime(T0)
                .when(new BlockLicenceKeyCommand(" BW-C9 ", "refunded", ADMIN))
                .expectEvents(new LicenceKeyBlockedEvent("BW-C9", "refunded", ADMIN, T0));
        fixture.given(new LicenceKeyBlockedEvent("BW-C9", "refunded", ADMIN, T0)).andGivenCurrentTime(T0)
                .when(install(LicenceSlot.ACTIVE, key))
                .expectException(LicenceConflictException.class);
        fixture.given(new LicenceKeyBlockedEvent("BW-C9", "refunded", ADMIN, T0))
                .when(new BlockLicenceKeyCommand("BW-C9", "again", ADMIN))
                .expectException(LicenceConflictException.class);
        fixture.given(new LicenceKeyBlockedEvent("BW-C9", "refunded", ADMIN, T0)).andGivenCurrentTime(T0)
                .when(new UnblockLicenceKeyCommand("BW-C9", ADMIN))
                .expectEvents(new LicenceKeyUnblockedEvent("BW-C9", ADMIN, T0));
        fixture.givenNoPriorActivity()
                .when(new UnblockLicenceKeyCommand("BW-C9", ADMIN))
                .expectException(UnknownLicenceKeyException.class);
    }

    @Test
    void theCheckRaisesNothingInCommunityModeAndNoLicenceWhereEnforced() {
        fixture.givenNoPriorActivity().andGivenCurrentTime(T0)
                .when(check())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(new LicenceKeyBlockedEvent("BW-X", "", ADMIN, T0)).andGivenCurrentTime(T0)
                .when(check())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(new LicenceKeyBlockedEvent("BW-X", "", ADMIN, T0)).andGivenCurrentTime(T0)
                .when(new CheckLicenceCommand(30, true, LicenceIds.SYSTEM_ACTOR))
                .expectEvents(notice(LicenceNotice.NO_LICENCE, null, null, false, false,
                        "No active licence key: nothing is scanned and databases are not updated. Mail still flows. "
                                + "Install a key or an activation code.", T0));
    }

    @Test
    void aKeyExpiringInTenDaysRaisesOneWarningHoweverManyChecksFollow() {
        LicenceKeyFacts key = key("BW-C1", LicenceType.COMMERCIAL, T0.minus(DAY.multipliedBy(355)),
                T0.plus(DAY.multipliedBy(10)));
        LicenceNoticeRaisedEvent warning = notice(LicenceNotice.EXPIRES_SOON, key, 10, true, true,
                "Licence BW-C1 expires in 10 days (" + key.expiry() + "). Add a renewal key before then.", T0);
        fixture.given(installed(LicenceSlot.ACTIVE, key, null)).andGivenCurrentTime(T0)
                .when(check())
                .expectEvents(warning);
        fixture.given(installed(LicenceSlot.ACTIVE, key, null), warning).andGivenCurrentTime(T0.plus(DAY))
                .when(check())
                .expectNoEvents();
    }

    @Test
    void aCommercialKeyPastExpiryRaisesExpiredWithUpdatesStoppedAndScanningOn() {
        LicenceKeyFacts key = key("BW-C1", LicenceType.COMMERCIAL, T0.minus(DAY.multipliedBy(365)), T0.minus(DAY));
        fixture.given(installed(LicenceSlot.ACTIVE, key, null)).andGivenCurrentTime(T0)
                .when(check())
                .expectEvents(notice(LicenceNotice.EXPIRED, key, null, true, false, "Licence BW-C1 expired on "
                        + key.expiry() + ": scanning continues with the databases at hand, database updates have "
                        + "stopped.", T0));
    }

    @Test
    void aSubscriptionPastExpiryIsInItsGracePeriod() {
        LicenceKeyFacts key = key("BW-S1", LicenceType.SUBSCRIPTION, T0.minus(DAY.multipliedBy(365)), T0.minus(DAY));
        fixture.given(installed(LicenceSlot.ACTIVE, key, null)).andGivenCurrentTime(T0)
                .when(check())
                .expectEvents(notice(LicenceNotice.GRACE_PERIOD, key, 13, true, true, "Subscription BW-S1 expired on "
                        + key.expiry() + "; its grace period ends " + key.graceEnd() + ". Renew it before then.", T0));
    }

    @Test
    void aValidKeyAfterAWarningIsARenewal() {
        LicenceKeyFacts old = key("BW-C1", LicenceType.COMMERCIAL, T0.minus(DAY.multipliedBy(355)),
                T0.plus(DAY.multipliedBy(10)));
        LicenceKeyFacts renewed = current("BW-C2", LicenceType.COMMERCIAL);
        fixture.given(installed(LicenceSlot.ACTIVE, old, null),
                        notice(LicenceNotice.EXPIRES_SOON, old, 10, true, true, "soon", T0),
                        installed(LicenceSlot.ACTIVE, renewed, "BW-C1"))
                .andGivenCurrentTime(T0)
                .when(check())
                .expectEvents(notice(LicenceNotice.RENEWED, renewed, 365, true, true,
                        "Licence BW-C2 is valid until " + renewed.expiry() + ".", T0));
    }

    @Test
    void theCheckPromotesTheAdditionalKeyOnceTheActiveOneExpired() {
        LicenceKeyFacts old = key("BW-C1", LicenceType.COMMERCIAL, T0.minus(DAY.multipliedBy(365)), T0.minus(DAY));
        LicenceKeyFacts renewal = key("BW-C2", LicenceType.COMMERCIAL, FunctionalityLevel.ANTI_VIRUS, T0.minus(DAY),
                T0.plus(DAY.multipliedBy(364)), 0);
        fixture.given(installed(LicenceSlot.ACTIVE, old, null), installed(LicenceSlot.ADDITIONAL, renewal, null))
                .andGivenCurrentTime(T0)
                .when(check())
                .expectEvents(new LicenceKeyPromotedEvent(renewal, "BW-C1", "the active key expired",
                                LicenceIds.SYSTEM_ACTOR, T0),
                        notice(LicenceNotice.LICENCE_OK, renewal, 364, true, true,
                                "Licence BW-C2 is valid until " + renewal.expiry() + ".", T0));
    }

    @Test
    void aBlockedActiveKeyRaisesBlocked() {
        LicenceKeyFacts key = current("BW-C1", LicenceType.COMMERCIAL);
        fixture.given(installed(LicenceSlot.ACTIVE, key, null), new LicenceKeyBlockedEvent("BW-C1", "", ADMIN, T0))
                .andGivenCurrentTime(T0)
                .when(check())
                .expectEvents(notice(LicenceNotice.BLOCKED, key, null, false, true, "Licence BW-C1 is blocked: "
                        + "nothing is scanned until it is unblocked or replaced. Mail still flows.", T0));
    }

    @Test
    void refusesCommandsWithoutAnActorOrWithAnUnknownSource() {
        fixture.givenNoPriorActivity()
                .when(new InstallLicenceKeyCommand(LicenceSlot.ACTIVE, current("BW-1", LicenceType.COMMERCIAL),
                        "usb-stick", ADMIN))
                .expectException(InvalidLicenceKeyException.class);
        fixture.givenNoPriorActivity()
                .when(new CheckLicenceCommand(30, false, " "))
                .expectException(InvalidLicenceKeyException.class);
        fixture.givenNoPriorActivity()
                .when(new CheckLicenceCommand(-1, false, ADMIN))
                .expectException(InvalidLicenceKeyException.class);
    }
}
