package io.bulwark.admin.cef;

import io.bulwark.events.cef.CefExportFailedEvent;
import io.bulwark.events.cef.CefExportResumedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node's exporter reaches its target, and the event log entries for the changes:
 * {@link CefExportFailedEvent} when it goes from working to failing (once, not per retry) and
 * {@link CefExportResumedEvent} when it works again.
 *
 * <p>The events are published from a thread of their own: the exporter's unit of work is rolled back
 * after a failure (that is what keeps the token where it was), and an event published inside it would
 * be rolled back with it. Thread-safe.
 */
public class CefExportHealth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CefExportHealth.class);

    /** What the console shows. */
    public record Status(boolean failing, String target, Instant since, String lastError, long failedAttempts,
            long sent, Instant lastSentAt) {
    }

    private final Consumer<Object> publisher;
    private final String nodeId;
    private final Clock clock;
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cef-export-health");
        t.setDaemon(true);
        return t;
    });
    private Status status = new Status(false, "", null, null, 0, 0, null);

    public CefExportHealth(Consumer<Object> publisher, String nodeId, Clock clock) {
        this.publisher = publisher;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** The latest state. */
    public synchronized Status status() {
        return status;
    }

    /** An attempt failed. */
    public synchronized void failed(String target, String reason) {
        Instant now = clock.instant();
        if (!status.failing()) {
            status = new Status(true, target, now, reason, 1, status.sent(), status.lastSentAt());
            publish(new CefExportFailedEvent(target, reason, nodeId, now));
        } else {
            status = new Status(true, target, status.since(), reason, status.failedAttempts() + 1, status.sent(),
                    status.lastSentAt());
        }
    }

    /** Records were confirmed by the target. */
    public synchronized void confirmed(String target, int records) {
        Instant now = clock.instant();
        if (status.failing()) {
            publish(new CefExportResumedEvent(target, status.since(), status.failedAttempts(), nodeId, now));
        }
        status = new Status(false, target, null, null, 0, status.sent() + records,
                records > 0 ? now : status.lastSentAt());
    }

    private void publish(Object event) {
        events.execute(() -> {
            try {
                publisher.accept(event);
            } catch (RuntimeException e) {
                log.warn("Could not record {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        });
    }

    @Override
    public void close() {
        events.shutdown();
    }
}
