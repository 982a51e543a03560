package io.bulwark.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes the tracking processors at most once per window: the first signal after a quiet window
 * runs at once, later ones within the window are merged into one wake at its end. No signal is
 * lost: a signal that arrives while a wake runs schedules the next one.
 *
 * <p>Why: every wake makes each of the node's read-model processors run one unit of work (a token
 * write, a fetch, their reads) for whatever events are there. At low and moderate rates each
 * append of the gateway was its own wake, so those per-batch costs were paid per append: 72 store
 * round trips per message with one SMTP session against 10 at 20 sessions (docs/benchmarks.md).
 * Merging wakes makes the batches larger; the read models lag by at most the window, mail does
 * not wait for them.
 *
 * <p>A zero window runs every signal at once. Thread-safe; {@link #close()} stops the timer.
 */
public final class CoalescingSignal implements Runnable, AutoCloseable {

    private final Runnable target;
    private final long windowNanos;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastWake = System.nanoTime() - Long.MAX_VALUE / 4;

    /**
     * @param target what a wake runs (e.g. {@code SignallingEventStore::signalNewEvents})
     * @param window shortest time between two wakes; zero for none
     */
    public CoalescingSignal(Runnable target, Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("bulwark.store.signal-window must not be negative");
        }
        this.target = target;
        this.windowNanos = window.toNanos();
        this.timer = windowNanos == 0 ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bulwark-store-signal");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void run() {
        if (timer == null) {
            target.run();
            return;
        }
        if (!pending.compareAndSet(false, true)) {
            return; // a wake is already due and will see these events too
        }
        long wait = lastWake + windowNanos - System.nanoTime();
        if (wait <= 0) {
            wake();
        } else if (!timer.isShutdown()) {
            timer.schedule(this::wake, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Wakes pending now (for tests and diagnostics). */
    boolean pending() {
        return pending.get();
    }

    private void wake() {
        // Cleared before the target runs: a signal from here on schedules the next wake.
        pending.set(false);
        lastWake = System.nanoTime();
        target.run();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
