package io.bulwark.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.EventMessage;

/**
 * Appends events to the event store from outside a unit of work, in batches, for callers on a hot
 * path (the SMTP gateway) that must not wait for each insert.
 *
 * <p>The returned future completes only when every event of the call is durable: stored, and on
 * the embedded store committed to disk, so it survives kill -9. Appending is idempotent by event
 * identifier: an event whose identifier is already stored counts as appended. Callers that may
 * re-emit an event after a crash (spool recovery) therefore give it a deterministic identifier.
 *
 * <p>Thread-safe.
 */
public interface EventAppender {
    CompletableFuture<Void> append(List<? extends EventMessage<?>> events);

    /**
     * As {@link #append}, for a caller that waits for the future before it answers someone (an SMTP
     * client waiting for its reply): the appender writes it without waiting out its linger (ADR
     * 0047). Appenders without a linger need not override it.
     */
    default CompletableFuture<Void> appendAwaited(List<? extends EventMessage<?>> events) {
        return append(events);
    }
}
