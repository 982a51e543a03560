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
import org.springframework.stereotype.Component;

/**
 * The console's access to the auditor's history: verification (the same answer as
 * {@code GET /api/v1/history/verify}), the read models and their rebuild (ADMINISTRATOR only,
 * checked here on the server, sent as the audited command), the configuration at a moment, and
 * retention: the status, an archive run and forgetting a data subject (administrators).
 * Stateless and thread-safe.
 */
@Component
public class HistoryClient {

    private final ChainVerifier verifier;
    private final ProjectionRebuilds rebuilds;
    private final ConfigurationHistory configuration;
    private final CommandGateway commands;
    private final io.bulwark.admin.history.retention.HistoryRetention retention;

    public HistoryClient(ChainVerifier verifier, ProjectionRebuilds rebuilds, ConfigurationHistory configuration,
            CommandGateway commands, io.bulwark.admin.history.retention.HistoryRetention retention) {
        this.verifier = verifier;
        this.rebuilds = rebuilds;
        this.configuration = configuration;
        this.commands = commands;
        this.retention = retention;
    }

    /** Retention per event class and the archived segments ({@code GET /api/v1/history/retention}). */
    public io.bulwark.admin.history.retention.HistoryRetention.RetentionStatus retention() {
        return retention.status();
    }

    /** Archives every due segment now (ADMINISTRATOR; recorded with the user as actor). */
    public io.bulwark.admin.history.retention.HistoryRetention.ArchiveResult archiveNow() {
        if (!canRebuild()) {
            throw new AccessDeniedException("Archiving needs ADMINISTRATOR");
        }
        return retention.archiveNow(Roles.actor());
    }

    /** Forgets a data subject (ADMINISTRATOR, the audited command); returns the subject id. */
    public String forget(String address, String reason) {
        if (!canRebuild()) {
            throw new AccessDeniedException("Forgetting a data subject needs ADMINISTRATOR");
        }
        String actor = Roles.actor();
        return BusCalls.await(commands.send(new io.bulwark.events.history.ForgetDataSubjectCommand(address, actor,
                reason)), "Data subjects");
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
        String actor = Roles.actor();
        return BusCalls.await(commands.send(new RebuildProjectionCommand(processingGroup, actor)), "Read models");
    }

    /** Rules, lists and settings areas as they were at a moment. */
    public ConfigurationHistory.ConfigurationAt configurationAt(Instant at) {
        return configuration.at(at);
    }

    /** The difference of the configuration between two moments. */
    public ConfigurationHistory.ConfigurationDiff configurationDiff(Instant from, Instant to) {
        return configuration.diff(from, to);
    }
}
