package io.bulwark.admin.antivirus;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.antivirus.AntivirusNodeView;
import io.bulwark.events.antivirus.FindAntivirusDatabasesQuery;
import io.bulwark.events.antivirus.RequestAntivirusUpdateCommand;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/**
 * Signature updates behind the REST API and the console: the update request goes through Axon's
 * command gateway, the per-node database view through its query gateway, so both channels behave
 * the same. Refusals: {@link InvalidAntivirusRequestException}; no answer:
 * {@link IllegalStateException} (503). Stateless and thread-safe.
 */
@Service
public class AntivirusAdministration {
    private final CommandGateway commands;
    private final QueryGateway queries;

    public AntivirusAdministration(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /**
     * Asks a node, or every node ({@code nodeId} null), to update its databases now.
     *
     * @return the request id, which the nodes' result events carry
     */
    public String requestUpdate(String nodeId, String actor) {
        return BusCalls.await(commands.send(new RequestAntivirusUpdateCommand(nodeId, actor)), "Anti-virus updates");
    }

    /** The databases of every node, by node id. */
    public List<AntivirusNodeView> databases() {
        return BusCalls.await(queries.query(new FindAntivirusDatabasesQuery(),
                ResponseTypes.multipleInstancesOf(AntivirusNodeView.class)), "Anti-virus databases");
    }
}
