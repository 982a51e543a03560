package io.bulwark.gateway.support;

import io.bulwark.store.EventAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;

/** An {@link EventAppender} that keeps events in memory and, like the real one, ignores duplicate ids. */
public final class InMemoryEventAppender implements EventAppender {
    private final Map<String, EventMessage<?>> events = new LinkedHashMap<>();
    private int duplicates;
    private RuntimeException failNext;
    private Predicate<EventMessage<?>> hold = event -> false;
    private final List<CompletableFuture<Void>> held = new ArrayList<>();

    /** The next append stores nothing and fails with this (a store outage). */
    public synchronized void failNext(RuntimeException failure) {
        failNext = failure;
    }

    /**
     * Appends that contain an event matching {@code which} are stored at once but their futures stay
     * incomplete (not yet durable, as if the real appender were lingering) until {@link #releaseHeld()}.
     */
    public synchronized void holdDurability(Predicate<EventMessage<?>> which) {
        hold = which;
    }

    /** Completes the futures held so far and holds no more. */
    public synchronized void releaseHeld() {
        hold = event -> false;
        held.forEach(future -> future.complete(null));
        held.clear();
    }

    @Override
    public synchronized CompletableFuture<Void> append(List<? extends EventMessage<?>> batch) {
        if (failNext != null) {
            RuntimeException failure = failNext;
            failNext = null;
            return CompletableFuture.failedFuture(failure);
        }
        for (EventMessage<?> event : batch) {
            if (events.putIfAbsent(event.getIdentifier(), event) != null) {
                duplicates++;
            }
        }
        if (batch.stream().anyMatch(hold)) {
            CompletableFuture<Void> future = new CompletableFuture<>();
            held.add(future);
            return future;
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Payloads of the given type, in append order. */
    public synchronized <T> List<T> payloads(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (EventMessage<?> event : events.values()) {
            if (type.isInstance(event.getPayload())) {
                out.add(type.cast(event.getPayload()));
            }
        }
        return out;
    }

    public synchronized List<EventMessage<?>> all() {
        return List.copyOf(events.values());
    }

    public synchronized int duplicates() {
        return duplicates;
    }
}
