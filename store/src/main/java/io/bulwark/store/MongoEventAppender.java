package io.bulwark.store;

import io.bulwark.store.internal.PreparedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventAppender}: callers serialize their events on their own thread and queue them; one
 * writer thread drains the queue, inserts everything queued as one unordered {@code insertMany},
 * commits the {@link DurabilityBarrier} once for the whole batch, wakes the event store's tracking
 * consumers, and only then completes the callers' futures. So many concurrent callers share one
 * insert and one disk commit (group commit), and a completed future means durable.
 *
 * <p>Back-pressure: at most {@code capacity} events may be queued or in flight; {@link #append}
 * blocks the caller until there is room (the SMTP session waits rather than the heap growing).
 * A single call larger than the capacity waits for the whole capacity.
 *
 * <p>Failures are per caller: an event refused for a sequence conflict fails that caller's future
 * with Axon's {@code ConcurrencyException} and leaves the others alone; a store outage fails the
 * batch's futures with {@link StoreUnavailableException}. Retrying is always safe (idempotent by
 * event identifier). Events of one call are not atomic: on failure some may be stored.
 *
 * <p>Futures complete on the writer thread: callers block on them (virtual threads) or attach
 * dependent stages with an executor ({@code thenRunAsync}), never slow work inline, which would
 * stall every other caller.
 *
 * <p>Lifecycle: {@link #start()} starts the writer thread (done by the constructor's caller, e.g.
 * the Spring configuration); {@link #close()} stops accepting, drains what is queued, and stops the
 * thread. Thread-safe.
 */
public final class MongoEventAppender implements EventAppender, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoEventAppender.class);

    private final MongoEventStorageEngine engine;
    private final Runnable newEventsSignal;
    private final int capacity;
    private final int maxBatch;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final Thread writer;
    private volatile boolean closed;

    private final AtomicLong appendedEvents = new AtomicLong();
    private final AtomicLong failedEvents = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong lastBatchNanos = new AtomicLong();

    /**
     * @param engine          where events go
     * @param newEventsSignal run after each durable batch to wake tracking consumers (e.g.
     *                        {@link SignallingEventStore#signalNewEvents()}); may be a no-op
     * @param capacity        events queued or in flight before {@link #append} blocks
     * @param maxBatch        events per insert (a batch takes whole calls, so it may exceed this
     *                        by one call's size)
     */
    public MongoEventAppender(MongoEventStorageEngine engine, Runnable newEventsSignal, int capacity, int maxBatch) {
        if (capacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("capacity and maxBatch must be positive");
        }
        this.engine = engine;
        this.newEventsSignal = newEventsSignal;
        this.capacity = capacity;
        this.maxBatch = maxBatch;
        this.room = new Semaphore(capacity, true);
        this.writer = new Thread(this::run, "bulwark-event-appender");
        this.writer.setDaemon(true);
    }

    /** Starts the writer thread. Idempotent. */
    public synchronized MongoEventAppender start() {
        if (!writer.isAlive() && !closed) {
            writer.start();
        }
        return this;
    }

    @Override
    public CompletableFuture<Void> append(List<? extends EventMessage<?>> events) {
        if (closed) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("The event appender is closed"));
        }
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<PreparedEvent> prepared = new ArrayList<>(events.size());
        try {
            for (EventMessage<?> event : events) {
                prepared.add(engine.prepare(event));
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        int permits = Math.min(prepared.size(), capacity);
        try {
            room.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        Request request = new Request(prepared, permits, new CompletableFuture<>());
        queue.add(request);
        if (closed && queue.remove(request)) {
            room.release(permits);
            return CompletableFuture.failedFuture(new StoreUnavailableException("The event appender is closed"));
        }
        return request.future;
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        while (true) {
            try {
                Request first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                int events = first.events.size();
                Request next;
                while (events < maxBatch && (next = queue.poll()) != null) {
                    batch.add(next);
                    events += next.events.size();
                }
                write(batch);
            } catch (InterruptedException e) {
                // Nobody interrupts this thread on purpose; the loop ends by draining after close().
                log.debug("Event appender writer interrupted; continuing until closed and drained");
            } catch (Throwable t) {
                // Never let the writer die with callers waiting: fail this batch, keep serving.
                log.error("Event appender batch failed", t);
                batch.forEach(r -> r.complete(t));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Request> batch) {
        long start = System.nanoTime();
        List<PreparedEvent> all = new ArrayList<>();
        batch.forEach(r -> all.addAll(r.events));
        List<RuntimeException> outcome;
        try {
            outcome = engine.store(all);
            engine.durabilityBarrier().commit();
        } catch (RuntimeException e) {
            StoreUnavailableException failure = e instanceof StoreUnavailableException s ? s
                    : new StoreUnavailableException("Could not append events", e);
            failedEvents.addAndGet(all.size());
            batch.forEach(r -> r.complete(failure));
            return;
        }
        try {
            newEventsSignal.run();
        } catch (RuntimeException e) {
            log.warn("Could not signal new events to the event store", e);
        }
        int position = 0;
        for (Request request : batch) {
            RuntimeException failure = null;
            for (int i = 0; i < request.events.size(); i++) {
                RuntimeException eventFailure = outcome.get(position++);
                if (eventFailure != null && failure == null) {
                    failure = eventFailure;
                }
                if (eventFailure != null) {
                    failedEvents.incrementAndGet();
                } else {
                    appendedEvents.incrementAndGet();
                }
            }
            request.complete(failure);
        }
        batches.incrementAndGet();
        lastBatchNanos.set(System.nanoTime() - start);
    }

    /**
     * Stops accepting appends, writes what is queued, stops the writer thread. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (writer.isAlive()) {
            try {
                writer.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Request request;
        StoreUnavailableException closedFailure = new StoreUnavailableException("The event appender is closed");
        while ((request = queue.poll()) != null) {
            request.complete(closedFailure);
        }
    }

    /** Counters for metrics. Cheap; safe to call from any thread. */
    public Stats stats() {
        return new Stats(capacity - room.availablePermits(), appendedEvents.get(), failedEvents.get(),
                batches.get(), Duration.ofNanos(lastBatchNanos.get()));
    }

    /**
     * @param inFlightEvents events queued or being written
     * @param appendedEvents events stored (or found already stored) and acknowledged since start
     * @param failedEvents   events whose future failed
     * @param batches        batches written
     * @param lastBatch      time of the last batch, insert to commit
     */
    public record Stats(int inFlightEvents, long appendedEvents, long failedEvents, long batches, Duration lastBatch) {
    }

    private final class Request {
        final List<PreparedEvent> events;
        final int permits;
        final CompletableFuture<Void> future;
        final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

        Request(List<PreparedEvent> events, int permits, CompletableFuture<Void> future) {
            this.events = events;
            this.permits = permits;
            this.future = future;
        }

        void complete(Throwable failure) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            room.release(permits);
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        }
    }
}
