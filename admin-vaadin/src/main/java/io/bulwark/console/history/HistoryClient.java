package io.bulwark.console.history;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.history.ChainVerifier;
import io.bulwark.admin.history.ConfigurationHistory;
import io.bulwark.admin.history.ProjectionRebuilds;
import io.bulwark.admin.history.Verification;
import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.history.RebuildProjectionCommand;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The console's access to the auditor's history: verification (the same answer as
 * {@code GET /api/v1/history/verify}), the read models and their rebuild (ADMINISTRATOR only,
 * checked here on the server, sent as the audited command), and the configuration at a moment.
 * Stateless and thread-safe.
 */
@Component
public class HistoryClient {

    private final ChainVerifier verifier;
    private final ProjectionRebuilds rebuilds;
    private final ConfigurationHistory configuration;
    private final CommandGateway commands;

    public HistoryClient(ChainVerifier verifier, ProjectionRebuilds rebuilds, ConfigurationHistory configuration,
            CommandGateway commands) {
        this.verifier = verifier;
        this.rebuilds = rebuilds;
        this.configuration = configuration;
        this.commands = commands;
    }

    /** Whether the user may rebuild read models. */
    public boolean canRebuild() {
        return Roles.isAdministrator();
    }

    /** Verifies the whole sealed history. */
    public Verification verify() {
        return verifier.verify(1, null);
    }

    public List<ProjectionRebuilds.ReadModelStatus> readModels() {
        return rebuilds.status();
    }

    /** Rebuilds a read model (recorded with the user as actor); returns the request id. */
    public String rebuild(String processingGroup) {
        if (!canRebuild()) {
            throw new AccessDeniedException("Rebuilding a read model needs ADMINISTRATOR");
        }
        String actor = SecurityContextHolder.getContext().getAuthentication().getName();
        return BusCalls.await(commands.send(new RebuildProjectionCommand(processingGroup, actor)), "Read models");
    }

    /** Rules and lists as they were at a moment. */
    public ConfigurationHistory.ConfigurationAt configurationAt(Instant at) {
        return configuration.at(at);
    }
}
