package io.bulwark.console.queue;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.queue.QueueAdministration;
import io.bulwark.events.admin.AdminRole;
import io.bulwark.events.queue.ChangeNodeTrafficCommand;
import io.bulwark.events.queue.FindQueuedMessagesQuery;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.QueueAction;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.queue.QueuedMessageView;
import io.bulwark.events.queue.RequestQueueActionCommand;
import io.bulwark.events.queue.TrafficDirection;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to queue control, over the backend's {@link QueueAdministration} (commands
 * and queries through Axon's gateways). Enforces the roles on the server side as the REST API does:
 * ADMINISTRATOR and HELPDESK may force, hold and release; only ADMINISTRATOR may delete and switch
 * nodes; AUDITOR reads. Refusals: {@link AccessDeniedException}, the backend's
 * {@link io.bulwark.admin.queue.InvalidQueueCommandException} and
 * {@link QueueAdministration.QueueUnavailableException}. Stateless and thread-safe; the user comes
 * from the calling thread's security context.
 */
@Component
public class QueueClient {

    private final QueueAdministration queue;

    public QueueClient(QueueAdministration queue) {
        this.queue = queue;
    }

    /** Whether the user may force, hold and release. */
    public boolean canHandleMessages() {
        return Roles.has(AdminRole.ADMINISTRATOR, AdminRole.HELPDESK);
    }

    /** Whether the user may delete messages and switch nodes. */
    public boolean canAdminister() {
        return Roles.isAdministrator();
    }

    /** Queued messages matching the query. */
    public List<QueuedMessageView> find(FindQueuedMessagesQuery query) {
        return queue.find(query);
    }

    /** Messages per queue and node. */
    public List<QueueCountsView> counts() {
        return queue.counts();
    }

    /** The nodes and their switches. */
    public List<NodeStatusView> nodes() {
        return queue.nodes();
    }

    /** Asks for an action on the given messages; returns the request id. */
    public String act(QueueAction action, List<String> queueIds) {
        require(action);
        return queue.request(new RequestQueueActionCommand(action, queueIds, false, null, user()));
    }

    /** Asks for an action on every queued message of a node, or of every node ({@code nodeId == null}). */
    public String actOnAll(QueueAction action, String nodeId) {
        require(action);
        return queue.request(new RequestQueueActionCommand(action, List.of(), true, nodeId, user()));
    }

    /** Switches receiving or sending on a node, or on every node ({@code nodeId == null}). */
    public String switchTraffic(String nodeId, TrafficDirection direction, boolean enabled) {
        if (!canAdminister()) {
            throw new AccessDeniedException("Switching receiving or sending needs ADMINISTRATOR");
        }
        return queue.request(new ChangeNodeTrafficCommand(nodeId, direction, enabled, user()));
    }

    private void require(QueueAction action) {
        if (action == QueueAction.DELETE ? !canAdminister() : !canHandleMessages()) {
            throw new AccessDeniedException(action == QueueAction.DELETE
                    ? "Deleting queued messages needs ADMINISTRATOR" : "Your role may only read the queue");
        }
    }

    private static String user() {
        return Roles.actor();
    }
}
