package io.bulwark.scan.licence;

import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.LicenceType;
import io.bulwark.events.scan.ProtectionModule;
import java.time.Instant;
import java.util.Map;

/**
 * What the licence allows at one moment ({@link LicencePolicy#evaluate}).
 *
 * @param mode             the mode (reference notes E's table, plus community)
 * @param phase            where the active key stands
 * @param licenceNumber    the active key's number, or null
 * @param functionality    its functionality level, or null
 * @param keyType          its type, or null
 * @param expiry           its expiry, or null
 * @param daysLeft         days until expiry (until the end of grace in the grace period), rounded
 *                         up; null without a key or once expired
 * @param scanningAllowed  whether modules scan at all
 * @param updatesAllowed   whether database updates may run ({@link LicenceGate#updatesAllowed()})
 * @param withheld         modules that must not scan, each with the reason for its NOT_SCANNED verdict
 * @param message          one sentence for the administrator
 */
public record LicenceStatus(LicenceMode mode, LicencePhase phase, String licenceNumber,
        FunctionalityLevel functionality, LicenceType keyType, Instant expiry, Integer daysLeft,
        boolean scanningAllowed, boolean updatesAllowed, Map<ProtectionModule, String> withheld, String message) {

    public LicenceStatus {
        withheld = Map.copyOf(withheld);
    }

    /** Whether the console shows a warning banner. */
    public boolean warning() {
        return phase.warns();
    }
}
