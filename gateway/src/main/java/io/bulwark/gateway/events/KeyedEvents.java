package io.bulwark.gateway.events;

import io.bulwark.store.EventAppender;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one event under an identifier derived from a key (a name-based UUID), so that the same
 * step taken twice (a request seen again, a restart re-announcing) yields the same event, which the
 * appender ignores as a duplicate. A failed append is logged and returned, never thrown: the node's
 * own state (spool, records) is what makes its moves durable. Stateless, thread-safe.
 */
public final class KeyedEvents {
    private static final Logger log = LoggerFactory.getLogger(KeyedEvents.class);

    private KeyedEvents() {
    }

    /** Appends {@code event} with the id of {@code key} and timestamp {@code at}. */
    public static CompletableFuture<Void> append(EventAppender appender, String key, Object event, Instant at) {
        String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        CompletableFuture<Void> future;
        try {
            future = appender.append(List.of(new GenericEventMessage<>(id, event, Map.of(), at)));
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        return future.whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("appending {} failed", event.getClass().getSimpleName(), failure);
            }
        });
    }
}
