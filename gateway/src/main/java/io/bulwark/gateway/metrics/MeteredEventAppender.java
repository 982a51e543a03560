package io.bulwark.gateway.metrics;

import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.scan.MessageDeletedEvent;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.store.EventAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.EventMessage;

/**
 * The gateway's event appender with meters around it. Every message fact of a node passes here
 * (received, scanned, delivered, deferred, bounced, rejected, deleted), so counting here needs no
 * hook in the SMTP, scan or delivery code and cannot miss a path that publishes its event.
 *
 * <p>Meters (Prometheus names after the registry's conversion):
 * <ul>
 * <li>{@code bulwark_messages_total{disposition}}: received, delivered, deferred (one per deferred
 * attempt), bounced, rejected (SMTP or DATA reject), deleted (by a rule or the deny list);</li>
 * <li>{@code bulwark_delivery_attempts_total{result}}: delivered, deferred, bounced;</li>
 * <li>{@code bulwark_scan_seconds{module}}: each module's scan time per message;</li>
 * <li>{@code bulwark_scan_verdicts_total{module,status}}: each module's status per message;</li>
 * <li>{@code bulwark_event_store_append_seconds}: from the call to the durable commit, per batch.</li>
 * </ul>
 * Counts are per event, so a message delivered to two next hops counts two deliveries, as Postfix's
 * log does. Thread-safe (Micrometer meters are).
 */
public final class MeteredEventAppender implements EventAppender {
    private final EventAppender delegate;
    private final MeterRegistry registry;
    private final Timer append;
    /** Meters by name and tags, built once: this runs for every message fact on the SMTP path. */
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    public MeteredEventAppender(EventAppender delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        this.append = Timer.builder("bulwark.event.store.append")
                .description("Time from an append call to the durable commit of its batch")
                .publishPercentileHistogram(false).register(registry);
    }

    @Override
    public CompletableFuture<Void> append(List<? extends EventMessage<?>> events) {
        long started = System.nanoTime();
        return metered(events, delegate.append(events), started);
    }

    @Override
    public CompletableFuture<Void> appendAwaited(List<? extends EventMessage<?>> events) {
        long started = System.nanoTime();
        return metered(events, delegate.appendAwaited(events), started);
    }

    private CompletableFuture<Void> metered(List<? extends EventMessage<?>> events, CompletableFuture<Void> done,
            long started) {
        // The caller gets the future that completes after counting, so whatever it chains on an
        // append (the publisher appends a message's outcomes after its arrival) sees the counts.
        return done.whenComplete((ok, error) -> {
            append.record(Duration.ofNanos(System.nanoTime() - started));
            if (error == null) {
                events.forEach(e -> count(e.getPayload()));
            }
        });
    }

    private void count(Object payload) {
        switch (payload) {
            case MessageReceivedEvent e -> message("received");
            case MessageDeliveredEvent e -> {
                message("delivered");
                attempt("delivered");
            }
            case DeliveryDeferredEvent e -> {
                message("deferred");
                attempt("deferred");
            }
            case MessageBouncedEvent e -> {
                message("bounced");
                attempt("bounced");
            }
            case MessageRejectedEvent e -> message("rejected");
            case MessageDeletedEvent e -> message("deleted");
            case MessageScannedEvent e -> scanned(e);
            case MessageQueuedEvent e -> {
                // a queue move, not a disposition
            }
            default -> {
            }
        }
    }

    private void scanned(MessageScannedEvent event) {
        if (event.report() == null) {
            return;
        }
        event.report().durationMillis().forEach((module, millis) -> timers.computeIfAbsent(module.name(),
                m -> Timer.builder("bulwark.scan").description("Scan time of a protection module per message")
                        .tag("module", m).register(registry)).record(Duration.ofMillis(millis)));
        for (ModuleVerdict v : event.report().verdicts()) {
            String status = String.valueOf(v.status());
            counters.computeIfAbsent("verdict/" + v.module().name() + "/" + status, k -> Counter
                    .builder("bulwark.scan.verdicts").description("Module statuses of scanned messages")
                    .tag("module", v.module().name()).tag("status", status).register(registry)).increment();
        }
    }

    private void message(String disposition) {
        counters.computeIfAbsent("message/" + disposition, k -> Counter.builder("bulwark.messages")
                .description("Messages by what happened to them").tag("disposition", disposition).register(registry))
                .increment();
    }

    private void attempt(String result) {
        counters.computeIfAbsent("attempt/" + result, k -> Counter.builder("bulwark.delivery.attempts")
                .description("Delivery attempts by result").tag("result", result).register(registry)).increment();
    }
}
