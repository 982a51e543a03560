package io.bulwark.scan.licence;

import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceType;
import io.bulwark.events.scan.ProtectionModule;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The licensing rule (reference notes E, "Modes"; docs/licensing.md): from the installed keys, the
 * time and the settings to what may run. A pure function every reader applies the same way: the
 * gateway per message, the admin backend for the API, the console banner and the licence check.
 *
 * <table>
 *   <caption>Modes</caption>
 *   <tr><th>State</th><th>Scanning</th><th>Updates</th></tr>
 *   <tr><td>no key ever, not enforced (community)</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>no active key otherwise (unlicensed)</td><td>no</td><td>no</td></tr>
 *   <tr><td>key blocked</td><td>no</td><td>yes (keeps trying)</td></tr>
 *   <tr><td>key not valid yet</td><td>no</td><td>no</td></tr>
 *   <tr><td>valid (any type)</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>subscription in its grace period</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>commercial expired, subscription after grace</td><td>yes, stale databases</td><td>no</td></tr>
 *   <tr><td>trial expired</td><td>no</td><td>no</td></tr>
 * </table>
 * Where scanning is on, an anti-virus-only key withholds anti-spam and anti-phishing. Where it is
 * off, every module is withheld. Mail flows in every mode: a withheld module's verdict is
 * NOT_SCANNED with the reason {@value #RESTRICTION}, and the rule's action for NOT_SCANNED applies.
 */
public final class LicencePolicy {
    /** The reason a withheld module's NOT_SCANNED verdict carries first (CEF reason "license restriction"). */
    public static final String RESTRICTION = "licence restriction";
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private LicencePolicy() {
    }

    /** The status at {@code now}. */
    public static LicenceStatus evaluate(LicenceRegister register, Instant now, LicenceSettings settings) {
        LicenceKeyFacts key = register.active();
        if (key == null) {
            if (!settings.enforce() && !register.keyEverInstalled()) {
                return new LicenceStatus(LicenceMode.COMMUNITY, LicencePhase.COMMUNITY, null, null, null, null, null,
                        true, true, Map.of(), "Community mode: no licence key installed, every module scans");
            }
            String message = "No active licence key: nothing is scanned and databases are not updated. Mail still "
                    + "flows. Install a key or an activation code.";
            return off(LicenceMode.UNLICENSED, LicencePhase.NO_LICENCE, null, null, false, "no active licence key",
                    message);
        }
        if (register.blocked().contains(key.licenceNumber())) {
            return off(LicenceMode.BLOCKED, LicencePhase.BLOCKED, key, null, true, "licence " + key.licenceNumber()
                    + " is blocked", "Licence " + key.licenceNumber() + " is blocked: nothing is scanned until it is "
                    + "unblocked or replaced. Mail still flows.");
        }
        LicenceMode mode = switch (key.type()) {
            case TRIAL -> LicenceMode.TRIAL;
            case COMMERCIAL -> LicenceMode.COMMERCIAL;
            case SUBSCRIPTION -> LicenceMode.SUBSCRIPTION;
        };
        if (now.isBefore(key.start())) {
            return off(mode, LicencePhase.NOT_YET_VALID, key, null, false, "licence " + key.licenceNumber()
                    + " is not valid yet", "Licence " + key.licenceNumber() + " is valid from " + key.start()
                    + " only: nothing is scanned until then.");
        }
        if (now.isBefore(key.expiry())) {
            int days = daysUntil(now, key.expiry());
            LicencePhase phase = days <= settings.warningDays() ? LicencePhase.EXPIRES_SOON : LicencePhase.VALID;
            String message = phase == LicencePhase.EXPIRES_SOON
                    ? "Licence " + key.licenceNumber() + " expires in " + days + (days == 1 ? " day" : " days")
                            + " (" + key.expiry() + "). Add a renewal key before then."
                    : "Licence " + key.licenceNumber() + " is valid until " + key.expiry() + ".";
            return on(mode, phase, key, days, true, message);
        }
        return switch (key.type()) {
            case TRIAL -> off(mode, LicencePhase.TRIAL_EXPIRED, key, null, false, "trial licence "
                    + key.licenceNumber() + " expired", "Trial licence " + key.licenceNumber() + " expired on "
                    + key.expiry() + ": nothing is scanned and databases are not updated. Mail still flows.");
            case SUBSCRIPTION -> now.isBefore(key.graceEnd())
                    ? on(mode, LicencePhase.GRACE_PERIOD, key, daysUntil(now, key.graceEnd()), true,
                            "Subscription " + key.licenceNumber() + " expired on " + key.expiry()
                                    + "; its grace period ends " + key.graceEnd() + ". Renew it before then.")
                    : expired(mode, key);
            case COMMERCIAL -> expired(mode, key);
        };
    }

    private static LicenceStatus expired(LicenceMode mode, LicenceKeyFacts key) {
        return on(mode, LicencePhase.EXPIRED, key, null, false, "Licence " + key.licenceNumber() + " expired on "
                + key.expiry() + ": scanning continues with the databases at hand, database updates have stopped.");
    }

    private static LicenceStatus on(LicenceMode mode, LicencePhase phase, LicenceKeyFacts key, Integer daysLeft,
            boolean updates, String message) {
        Map<ProtectionModule, String> withheld = new EnumMap<>(ProtectionModule.class);
        if (key.functionality() == FunctionalityLevel.ANTI_VIRUS) {
            String why = "licence " + key.licenceNumber() + " covers anti-virus protection only";
            withheld.put(ProtectionModule.ANTI_SPAM, why);
            withheld.put(ProtectionModule.ANTI_PHISHING, why);
        }
        return new LicenceStatus(mode, phase, key.licenceNumber(), key.functionality(), key.type(), key.expiry(),
                daysLeft, true, updates, withheld, message);
    }

    private static LicenceStatus off(LicenceMode mode, LicencePhase phase, LicenceKeyFacts key, Integer daysLeft,
            boolean updates, String why, String message) {
        Map<ProtectionModule, String> withheld = new EnumMap<>(ProtectionModule.class);
        for (ProtectionModule module : ProtectionModule.values()) {
            withheld.put(module, why);
        }
        return new LicenceStatus(mode, phase, key == null ? null : key.licenceNumber(),
                key == null ? null : key.functionality(), key == null ? null : key.type(),
                key == null ? null : key.expiry(), daysLeft, false, updates, withheld, message);
    }

    /** Whole days from {@code now} to {@code end}, rounded up (a key expiring in 9.5 days has 10 left). */
    public static int daysUntil(Instant now, Instant end) {
        long millis = Duration.between(now, end).toMillis();
        return (int) Math.min(Integer.MAX_VALUE, (millis + DAY_MILLIS - 1) / DAY_MILLIS);
    }

    /** Whether a key of this type may be installed as the active key while already expired. */
    public static boolean installableExpired(LicenceType type) {
        return type != LicenceType.TRIAL;
    }
}
