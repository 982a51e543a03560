package io.bulwark.console.antivirus;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.antivirus.AntivirusAdministration;
import io.bulwark.events.antivirus.AntivirusNodeView;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to the anti-virus databases, over the backend's
 * {@link AntivirusAdministration}. Enforces the roles on the server side as the REST API does:
 * every role reads; only ADMINISTRATOR asks for an update. Stateless and thread-safe; the user
 * comes from the calling thread's security context.
 */
@Component
public class AntivirusClient {

    private final AntivirusAdministration antivirus;

    public AntivirusClient(AntivirusAdministration antivirus) {
        this.antivirus = antivirus;
    }

    /** Whether the user may ask for an update. */
    public boolean canUpdate() {
        return Roles.isAdministrator();
    }

    /** The databases of every node. */
    public List<AntivirusNodeView> databases() {
        return antivirus.databases();
    }

    /** Asks a node, or every node ({@code nodeId} null), to update now; returns the request id. */
    public String updateNow(String nodeId) {
        if (!canUpdate()) {
            throw new AccessDeniedException("Updating the databases needs ADMINISTRATOR");
        }
        return antivirus.requestUpdate(nodeId, Roles.actor());
    }
}
