package io.bulwark.console.licence;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.licence.LicenceAdministration;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.scan.licence.LicenceStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to licence management, over the backend's {@link LicenceAdministration}.
 * Every role reads; only ADMINISTRATOR installs, activates and removes keys (checked here on the
 * server, whatever the page shows). Refusals: {@link AccessDeniedException} and the backend's
 * licence exceptions. Stateless and thread-safe.
 */
@Component
public class LicenceClient {

    private final LicenceAdministration licence;

    public LicenceClient(LicenceAdministration licence) {
        this.licence = licence;
    }

    /** Whether the user may change the licence. */
    public boolean canChange() {
        return Roles.isAdministrator();
    }

    /** Everything the licence page shows. */
    public LicenceAdministration.Overview overview() {
        return licence.overview();
    }

    /** What the licence allows now (the banner). */
    public LicenceStatus status() {
        return licence.status();
    }

    /** Verifies and installs a key file. */
    public LicenceKeyFacts install(String keyFile, LicenceSlot slot) {
        return licence.install(keyFile, slot, administrator());
    }

    /** Exchanges an activation code and installs the key. */
    public LicenceKeyFacts activate(String code, LicenceSlot slot) {
        return licence.activate(code, slot, administrator());
    }

    /** Removes a key. */
    public void remove(LicenceSlot slot) {
        licence.remove(slot, administrator());
    }

    private String administrator() {
        if (!canChange()) {
            throw new AccessDeniedException("Changing the licence needs ADMINISTRATOR");
        }
        return Roles.actor();
    }
}
