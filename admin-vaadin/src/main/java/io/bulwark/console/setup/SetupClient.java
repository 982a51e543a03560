package io.bulwark.console.setup;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.settings.NextHopCheck;
import io.bulwark.admin.settings.RoutingSettingsAdministration;
import io.bulwark.admin.settings.RoutingSettingsAdministration.Current;
import io.bulwark.events.settings.RoutingSettings;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The wizard's access to the routing settings and the checks, over the backend's
 * {@link RoutingSettingsAdministration} and {@link NextHopCheck}. Applying is for ADMINISTRATOR only,
 * checked here on the server. Stateless and thread-safe.
 */
@Component
public class SetupClient {

    private final RoutingSettingsAdministration routing;
    private final NextHopCheck check;

    public SetupClient(RoutingSettingsAdministration routing, NextHopCheck check) {
        this.routing = routing;
        this.check = check;
    }

    public Current current() {
        return routing.current();
    }

    /**
     * Whether this installation still runs on its start values with nowhere to accept mail for: the
     * routing was never changed in the console and no relay domain is set. The console then opens
     * the wizard for an administrator instead of the dashboard.
     */
    public boolean needsSetup() {
        Current current = routing.current();
        return "properties".equals(current.source()) && current.settings().relayDomains().isEmpty();
    }

    public boolean canApply() {
        return Roles.isAdministrator();
    }

    /** Applies the wizard's routing as one audited change. */
    public Current apply(RoutingSettings settings) {
        if (!canApply()) {
            throw new AccessDeniedException("Only an administrator changes the routing");
        }
        return routing.change(settings, Roles.actor());
    }

    public NextHopCheck.Result smtp(String nextHop) {
        return check.smtp(nextHop);
    }

    public NextHopCheck.Result mx(String domain) {
        return check.mx(domain);
    }
}
