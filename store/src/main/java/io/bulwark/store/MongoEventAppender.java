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
 * <p>Linger (ADR 0047): while appends keep coming, a batch starts at most once per {@code linger}
 * after the previous one started, unless that one was full (a backlog is written at once), so the
 * appends of that span share one insert and one commit. Each commit of the embedded store writes
 * every page it changed again, whole, so commits that follow each other a few milliseconds apart
 * rewrite the same pages: the events' leaf, the index leaves, the tokens. An append after a quiet
 * spell longer than the linger is written at once, and so is an append whose caller waits for it
 * before answering someone ({@link #appendAwaited}: a Backup copy's announcement before the 250).
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
    private static final long CLOSE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final MongoEventStorageEngine engine;
    private final Runnable newEventsSignal;
    private final int capacity;
    private final int maxBatch;
    private final long lingerNanos;
    /** Events that make a batch full: never more than the capacity, which is all that can be queued. */
    private final int fullBatch;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final Thread writer;
    private volatile boolean closed;

    private final AtomicLong appendedEvents = new AtomicLong();
    private final AtomicLong failedEvents = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong lastBatchNanos = new AtomicLong();
    /** Writer thread only: when the last batch started, and whether it was full. */
    private long lastBatchStarted;
    private boolean lastBatchFull;

    /**
     * @param engine          where events go
     * @param newEventsSignal run after each durable batch to wake tracking consumers (e.g.
     *                        {@link SignallingEventStore#signalNewEvents()}); may be a no-op
     * @param capacity        events queued or in flight before {@link #append} blocks
     * @param maxBatch        events per insert (a batch takes whole calls, so it may exceed this
     *                        by one call's size)
     */
    public MongoEventAppender(MongoEventStorageEngine engine, Runnable newEventsSignal, int capacity, int maxBatch) {
        this(engine, newEventsSignal, capacity, maxBatch, Duration.ZERO);
    }

    /**
     * @param linger shortest time between the starts of two batches while appends keep coming and
     *               the earlier batch was not full; zero: a batch starts as soon as anything is queued
     */
    public MongoEventAppender(MongoEventStorageEngine engine, Runnable newEventsSignal, int capacity, int maxBatch,
            Duration linger) {
        if (capacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("capacity and maxBatch must be positive");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
        this.engine = engine;
        this.newEventsSignal = newEventsSignal;
        this.capacity = capacity;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.fullBatch = Math.min(maxBatch, capacity);
        this.lastBatchStarted = System.nanoTime() - lingerNanos;
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
        return append(events, false);
    }

    /** Ends the writer's linger: the batch that takes these events starts as soon as they are queued. */
    @Override
    public CompletableFuture<Void> appendAwaited(List<? extends EventMessage<?>> events) {
        return append(events, true);
    }

    private CompletableFuture<Void> append(List<? extends EventMessage<?>> events, boolean awaited) {
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
        Request request = new Request(prepared, permits, awaited, new CompletableFuture<>());
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
                int events = linger(first, batch);
                lastBatchStarted = System.nanoTime();
                Request next;
                while (events < maxBatch && (next = queue.poll()) != null) {
                    batch.add(next);
                    events += next.events.size();
                }
                lastBatchFull = events >= fullBatch;
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

    /**
     * Adds what is queued until one linger has passed since the last batch started; not after a full
     * batch, and it stops early when the batch is full or takes an awaited append. Returns the
     * number of events in the batch.
     */
    private int linger(Request first, List<Request> batch) {
        int events = first.events.size();
        if (lastBatchFull || first.awaited) {
            return events;
        }
        long deadline = lastBatchStarted + lingerNanos;
        long wait;
        try {
            while (events < fullBatch && !closed && (wait = deadline - System.nanoTime()) > 0) {
                // in steps of at most 200 ms, so that close() never waits for a long linger
                Request next = queue.poll(Math.min(wait, CLOSE_CHECK_NANOS), TimeUnit.NANOSECONDS);
                if (next == null) {
                    continue;
                }
                batch.add(next);
                events += next.events.size();
                if (next.awaited) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            // Nobody interrupts this thread on purpose: write what has been taken now.
            log.debug("Event appender interrupted while lingering; writing at once");
        }
        return events;
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
        // counted before any future completes, so a caller that saw its append done sees its batch
        batches.incrementAndGet();
        lastBatchNanos.set(System.nanoTime() - start);
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
        final boolean awaited;
        final CompletableFuture<Void> future;
        final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

        Request(List<PreparedEvent> events, int permits, boolean awaited, CompletableFuture<Void> future) {
            this.events = events;
            this.permits = permits;
            this.awaited = awaited;
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
