package io.bulwark.store;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;

/**
 * A tracking processor's event stream that lets a processor which has caught up start its next batch
 * at most once per linger (ADR 0043): the events appended meanwhile then arrive as one batch instead
 * of many.
 *
 * <p>Why: under a continuous mail flow Axon's event-store producer keeps fetching and hands each
 * tracking processor whatever has arrived, so the read models ran a unit of work for every few
 * events: a token write, a read of their documents and a bulk write per batch, about 0.7 token
 * writes per message for each of the seven read models on the mail path (docs/benchmarks.md,
 * "What the store examines"). Merging the processors' wakes ({@link CoalescingSignal}) does not
 * bound that, because a processor asks the stream again as soon as its batch is done. This stream
 * answers that question late instead, only when the previous batch emptied the stream (a full
 * batch means a backlog: the next one starts at once, so a processor is never slowed below its
 * batch size per linger).
 *
 * <p>How, on Axon 4's {@code TrackingEventProcessor}: a batch starts with
 * {@link #hasNextAvailable(int, TimeUnit)} and collects further events with {@link #peek()} until it
 * is empty or the batch is full. An empty {@code peek()} marks the processor as caught up; its next
 * {@code hasNextAvailable(timeout)} first waits until one linger has passed since the previous batch
 * started (never longer than the caller's timeout), then asks the stream. A processor that was idle
 * longer than the linger is not delayed at all: a rule change after a quiet minute reaches the
 * gateway at once; one during a mail flow waits up to the linger.
 *
 * <p>One instance per processor thread (Axon opens one stream per segment worker); not thread-safe.
 */
final class LingeringEventStream implements TrackingEventStream {

    private final BlockingStream<TrackedEventMessage<?>> delegate;
    private final long lingerNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private boolean caughtUp;
    /** When the last batch started; at first one linger ago, so the first batch never waits. */
    private long batchStarted;

    /** Waits; a seam for tests (the production one is {@link TimeUnit#sleep}). */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    LingeringEventStream(BlockingStream<TrackedEventMessage<?>> delegate, long lingerNanos) {
        this(delegate, lingerNanos, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    LingeringEventStream(BlockingStream<TrackedEventMessage<?>> delegate, long lingerNanos, LongSupplier nanoClock,
            Sleeper sleeper) {
        this.delegate = delegate;
        this.lingerNanos = lingerNanos;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.batchStarted = nanoClock.getAsLong() - lingerNanos;
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long budget = unit.toNanos(timeout);
        if (caughtUp) {
            long wait = Math.min(batchStarted + lingerNanos - nanoClock.getAsLong(), budget);
            if (wait > 0) {
                sleeper.sleep(wait);
                budget -= wait;
            }
        }
        caughtUp = false;
        boolean available = delegate.hasNextAvailable(
                (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(Math.max(budget, 0))),
                TimeUnit.MILLISECONDS);
        if (available) {
            batchStarted = nanoClock.getAsLong();
        }
        return available;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        Optional<TrackedEventMessage<?>> next = delegate.peek();
        if (next.isEmpty()) {
            caughtUp = true;
        }
        return next;
    }

    @Override
    public boolean hasNextAvailable() {
        boolean available = delegate.hasNextAvailable();
        if (!available) {
            caughtUp = true;
        }
        return available;
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        return delegate.nextAvailable();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
        delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        return delegate.setOnAvailableCallback(callback);
    }
}
