package io.bulwark.gateway.flow;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Intake flow control, Postfix's {@code in_flow_delay} idea: when delivery falls behind, the
 * receiving side slows down instead of piling up messages that wait for a delivery slot.
 *
 * <p>Delivery reports its backlog: every attempt that waits for one of the node's delivery permits
 * ({@code bulwark.delivery.concurrency}) counts from {@link #deliveryWaiting()} until
 * {@link #deliveryStarted()}. Before a message is taken in, the DATA phase calls {@link #pace()}:
 * while the backlog is above {@code bulwark.smtp.in-flow-backlog}, it waits until an attempt
 * starts and the backlog is back at the limit, but never longer than
 * {@code bulwark.smtp.in-flow-delay}; then it goes on either way, as Postfix does (the delay slows
 * senders down, it never refuses mail). A sender therefore waits longer for its 250 exactly when
 * delivery cannot keep up, and each session sends fewer messages meanwhile, so the receiving
 * sessions stop taking the CPU that delivery needs.
 *
 * <p>A delay of zero turns pacing off (the backlog is still counted). Thread-safe.
 */
public final class InFlowControl {

    /** What {@link #pace()} did. */
    public enum Pace {
        /** The backlog was within the limit: no wait. */
        NONE,
        /** Waited until delivery made room. */
        WAITED,
        /** Waited the whole delay and went on while delivery was still behind. */
        TIMED_OUT
    }

    private final int backlogLimit;
    private final long delayNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private int backlog;
    private int pacing;
    private final AtomicLong waited = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();

    /**
     * @param backlogLimit most delivery attempts waiting for a permit before intake slows down
     * @param delay        longest pause per message; zero turns pacing off
     */
    public InFlowControl(int backlogLimit, Duration delay) {
        if (backlogLimit < 0 || delay.isNegative()) {
            throw new IllegalArgumentException(
                    "bulwark.smtp.in-flow-backlog and in-flow-delay must not be negative");
        }
        this.backlogLimit = backlogLimit;
        this.delayNanos = delay.toNanos();
    }

    /** Counts the backlog but never pauses (tests and tools that build the parts by hand). */
    public static InFlowControl off() {
        return new InFlowControl(0, Duration.ZERO);
    }

    /** A delivery attempt starts waiting for a permit. */
    public void deliveryWaiting() {
        lock.lock();
        try {
            backlog++;
        } finally {
            lock.unlock();
        }
    }

    /** A delivery attempt got its permit (or gave up waiting): it no longer counts as backlog. */
    public void deliveryStarted() {
        lock.lock();
        try {
            backlog--;
            if (backlog <= backlogLimit && pacing > 0) {
                room.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pauses the caller (a receiving session, before it takes a message in) while delivery is
     * behind, at most for the configured delay.
     */
    public Pace pace() throws InterruptedException {
        if (delayNanos == 0) {
            return Pace.NONE;
        }
        lock.lock();
        try {
            if (backlog <= backlogLimit) {
                return Pace.NONE;
            }
            pacing++;
            try {
                long remaining = delayNanos;
                while (backlog > backlogLimit) {
                    if (remaining <= 0) {
                        timedOut.incrementAndGet();
                        return Pace.TIMED_OUT;
                    }
                    remaining = room.awaitNanos(remaining);
                }
                waited.incrementAndGet();
                return Pace.WAITED;
            } finally {
                pacing--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Delivery attempts waiting for a permit now. */
    public int backlog() {
        lock.lock();
        try {
            return backlog;
        } finally {
            lock.unlock();
        }
    }

    /** Sessions pausing in {@link #pace()} now. */
    public int pacing() {
        lock.lock();
        try {
            return pacing;
        } finally {
            lock.unlock();
        }
    }

    /** Messages that waited until delivery made room, since start. */
    public long waited() {
        return waited.get();
    }

    /** Messages that waited the whole delay, since start. */
    public long timedOut() {
        return timedOut.get();
    }

    /** The configured longest pause. */
    public Duration delay() {
        return Duration.ofNanos(delayNanos);
    }
}
