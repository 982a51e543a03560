package io.bulwark.console.tracking;

import io.bulwark.events.query.FindMessagesQuery;
import io.bulwark.events.query.MessageTrackingView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * The console's access to message tracking: sends {@link FindMessagesQuery} through Axon's query
 * gateway, so the console never touches the projection's storage and works unchanged when the
 * projection runs on another admin node. Stateless and thread-safe.
 */
@Component
public class MessageTrackingClient {

    /** How long a view waits for an answer before telling the user. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final QueryGateway queryGateway;

    public MessageTrackingClient(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /**
     * Messages matching the query, newest first.
     *
     * @throws MessageTrackingUnavailableException when the query fails or times out
     */
    public List<MessageTrackingView> find(FindMessagesQuery query) {
        try {
            return queryGateway.query(query, ResponseTypes.multipleInstancesOf(MessageTrackingView.class))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessageTrackingUnavailableException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new MessageTrackingUnavailableException(e);
        }
    }

    /** Message tracking could not be read. */
    public static class MessageTrackingUnavailableException extends RuntimeException {
        MessageTrackingUnavailableException(Throwable cause) {
            super("Message tracking is unavailable: " + cause.getMessage(), cause);
        }
    }
}
