package io.bulwark.gateway.support;

import io.bulwark.store.EventAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.EventMessage;

/** An {@link EventAppender} that keeps events in memory and, like the real one, ignores duplicate ids. */
public final class InMemoryEventAppender implements EventAppender {
    private final Map<String, EventMessage<?>> events = new LinkedHashMap<>();
    private int duplicates;
    private RuntimeException failNext;

    /** The next append stores nothing and fails with this (a store outage). */
    public synchronized void failNext(RuntimeException failure) {
        failNext = failure;
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
