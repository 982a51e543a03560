package io.bulwark.admin.queue;

import io.bulwark.admin.support.BackendUnavailableException;
import io.bulwark.events.queue.ChangeNodeTrafficCommand;
import io.bulwark.events.queue.FindNodesQuery;
import io.bulwark.events.queue.FindQueueCountsQuery;
import io.bulwark.events.queue.FindQueuedMessagesQuery;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.queue.QueuedMessageView;
import io.bulwark.events.queue.RequestQueueActionCommand;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/**
 * Queue control behind the REST API and the console: sends the commands through Axon's command
 * gateway and reads the queue and node views through its query gateway, so both channels behave
 * the same. Refusals surface as {@link InvalidQueueCommandException}; an unreachable backend as
 * {@link QueueUnavailableException}. Stateless and thread-safe.
 */
@Service
public class QueueAdministration {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CommandGateway commands;
    private final QueryGateway queries;

    public QueueAdministration(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** Records a queue action request; returns its id. */
    public String request(RequestQueueActionCommand command) {
        return send(command);
    }

    /** Records a receiving / sending switch request; returns its id. */
    public String request(ChangeNodeTrafficCommand command) {
        return send(command);
    }

    /** Queued messages matching the query. */
    public List<QueuedMessageView> find(FindQueuedMessagesQuery query) {
        return await(queries.query(query, ResponseTypes.multipleInstancesOf(QueuedMessageView.class)));
    }

    /** Messages per queue, per node. */
    public List<QueueCountsView> counts() {
        return await(queries.query(new FindQueueCountsQuery(), ResponseTypes.multipleInstancesOf(QueueCountsView.class)));
    }

    /** The nodes and their switches. */
    public List<NodeStatusView> nodes() {
        return await(queries.query(new FindNodesQuery(), ResponseTypes.multipleInstancesOf(NodeStatusView.class)));
    }

    private String send(Object command) {
        return await(commands.send(command));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueUnavailableException(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidQueueCommandException invalid) {
                throw invalid;
            }
            // Query handlers' refusals arrive wrapped; keep their message for the administrator.
            if (cause != null && cause.getCause() instanceof IllegalArgumentException invalid) {
                throw new InvalidQueueCommandException(invalid.getMessage());
            }
            throw new QueueUnavailableException(e);
        } catch (TimeoutException e) {
            throw new QueueUnavailableException(e);
        }
    }

    /** The queue could not be read or changed (the backend did not answer). */
    public static class QueueUnavailableException extends BackendUnavailableException {
        QueueUnavailableException(Throwable cause) {
            super("The queue is unavailable: " + cause.getMessage(), cause);
        }
    }
}
