package io.bulwark.console.settings;

import io.bulwark.admin.settings.AreaAdministration;
import io.bulwark.admin.settings.SettingsAreas;
import io.bulwark.console.kit.Roles;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to the node settings areas (TLS policy, MTA, module switches, DNS) over the
 * backend's {@link SettingsAreas}. Every role reads; only ADMINISTRATOR changes (checked here on the
 * server, whatever the page shows). Refusals: {@link AccessDeniedException} and
 * {@link io.bulwark.admin.settings.InvalidSettingsException}. Stateless and thread-safe.
 */
@Component
public class NodeSettingsClient {
    private final SettingsAreas areas;

    public NodeSettingsClient(SettingsAreas areas) {
        this.areas = areas;
    }

    /** The areas, for reading. */
    public SettingsAreas areas() {
        return areas;
    }

    /** Whether the user may change the settings. */
    public boolean canChange() {
        return Roles.isAdministrator();
    }

    /** Changes one area (an audited command); returns the area in force afterwards. */
    public <S> AreaAdministration.Current<S> change(AreaAdministration<S> area, S settings) {
        if (!canChange()) {
            throw new AccessDeniedException("Changing the settings needs ADMINISTRATOR");
        }
        return area.change(settings, Roles.actor());
    }
}
