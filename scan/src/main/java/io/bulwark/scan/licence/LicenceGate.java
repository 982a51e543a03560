package io.bulwark.scan.licence;

import io.bulwark.events.scan.ProtectionModule;
import java.util.Map;

/**
 * What the licence allows on this node now: the one question the scan pipeline and database
 * updates ask. The gateway's implementation follows the licence events without a restart and reads
 * the clock on every call, so an expiry takes effect at its moment.
 *
 * <p>Database updates (anti-virus, anti-spam, anti-phishing) ask {@link #updatesAllowed()} before
 * each run and skip the run when it says no. Implementations are thread-safe.
 */
public interface LicenceGate {

    /** A gate that allows everything: community mode, and tests that are not about licensing. */
    LicenceGate UNRESTRICTED = () -> LicencePolicy.evaluate(LicenceRegister.EMPTY, java.time.Instant.now(),
            LicenceSettings.DEFAULTS);

    /** The licence's status now. */
    LicenceStatus status();

    /**
     * Whether database updates may run now: yes in community mode, with a valid key, in a
     * subscription's grace period and while the key is blocked (so that an unblocking is noticed);
     * no without a key, once a commercial key expired and once a trial expired.
     */
    default boolean updatesAllowed() {
        return status().updatesAllowed();
    }

    /** The modules that must not scan now, each with the reason its NOT_SCANNED verdict carries. */
    default Map<ProtectionModule, String> withheldModules() {
        return status().withheld();
    }
}
