package io.bulwark.console.cef;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.cef.CefExportAdministration;
import io.bulwark.admin.cef.CefExportHealth;
import io.bulwark.admin.cef.CefExportSettings;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to the CEF export settings, over the backend's
 * {@link CefExportAdministration}. Every role reads; only ADMINISTRATOR changes (checked here on the
 * server, whatever the page shows). Refusals: {@link AccessDeniedException} and
 * {@link io.bulwark.admin.cef.InvalidCefSettingsException}. Stateless and thread-safe.
 */
@Component
public class CefExportClient {

    private final CefExportAdministration administration;

    public CefExportClient(CefExportAdministration administration) {
        this.administration = administration;
    }

    /** Whether the user may change the settings. */
    public boolean canChange() {
        return Roles.isAdministrator();
    }

    /** The settings in force. */
    public CefExportSettings settings() {
        return administration.settings();
    }

    /** This node's exporter. */
    public CefExportHealth.Status status() {
        return administration.status();
    }

    /** Changes the settings (an audited command); returns those in force afterwards. */
    public CefExportSettings change(boolean enabled, String target, String facility) {
        if (!canChange()) {
            throw new AccessDeniedException("Changing the CEF export needs ADMINISTRATOR");
        }
        return administration.change(enabled, target, facility,
                Roles.actor());
    }
}
