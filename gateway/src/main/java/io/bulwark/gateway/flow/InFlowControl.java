package io.bulwark.gateway.flow;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Intake flow control, Postfix's {@code in_flow_delay} idea: when delivery falls behind, the
 * receiving side slows down instead of piling up messages that wait for a delivery slot.
 *
 * <p>What is counted is the node's mail <em>in flight</em>: messages whose DATA passed the gate and
 * whose intake has not ended yet ({@link #admit()} until {@link Admission#close()}: spooling,
 * judging, commit), plus delivery attempts that are due and do not hold one of the node's delivery
 * permits yet ({@code bulwark.delivery.concurrency}; {@link #deliveryWaiting()} until
 * {@link #deliveryStarted()}).
 * Before a message is taken in, the DATA phase asks for admission: while more than
 * {@code bulwark.smtp.in-flow-backlog} are in flight, or others already wait, it waits its turn. Each
 * delivery that starts and each intake that ends makes room for the longest waiter, one at a time, so
 * intake follows delivery message for message (Postfix's qmgr hands smtpd one token per delivered
 * message). A sender therefore waits longer for its 250 exactly when delivery cannot keep up, and the
 * receiving sessions stop taking the CPU that delivery needs.
 *
 * <p>Why the count includes the messages in intake, and why the room goes to one waiter at a time
 * (ADR 0049): with 500 sessions, the first version counted only the delivery backlog and woke every
 * waiter when it fell to the limit; all of them went on at once, and a waiter that found no room went
 * on after one {@code in-flow-delay} anyway. Delivery, on the same two cores as 500 receiving
 * sessions, fell 1,500 messages behind, and the run ended seconds after the last 250.
 *
 * <p>Waiters form one line: room goes to the one that has waited longest, and it is counted as in
 * intake from the moment it is given, so one unit of room is never given twice. The pause never
 * refuses mail and never outlasts a stalled delivery: a waiter goes on when nothing has moved (no
 * delivery started, no intake ended) for {@code in-flow-delay}, as Postfix's smtpd does, and in any
 * case after {@link #LONGEST_PAUSE}; when delivery stalls, every waiter therefore goes on after one
 * delay. While mail moves, a waiter keeps its place, however many wait before it. The session's DATA
 * deadline starts at the first read of the content, after the pause, so the pause does not use up
 * the client's allowance. A delay of zero turns pacing off (the mail in flight is still counted).
 * Thread-safe.
 */
public final class InFlowControl {

    /**
     * The longest a message waits at the gate, however steadily delivery moves: far inside the
     * 3 minutes a client waits for a data block to be taken and the 10 minutes it waits for the
     * reply to the end of data (RFC 5321, 4.5.3.2), so a paused client never times out.
     */
    public static final Duration LONGEST_PAUSE = Duration.ofSeconds(60);

    /** What {@link #admit()} did. */
    public enum Pace {
        /** There was room and nobody waited: no pause. */
        NONE,
        /** Waited until delivery made room. */
        WAITED,
        /** Waited while nothing moved for the whole delay (or {@link #LONGEST_PAUSE}), and went on. */
        TIMED_OUT
    }

    /** A message let in: counted as in flight until closed, whatever became of it. Close once. */
    public interface Admission extends AutoCloseable {
        /** How the message got in. */
        Pace pace();

        @Override
        void close();
    }

    private final int limit;
    private final long delayNanos;
    private final long longestNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** Messages waiting for room, longest first; each is let in by a signal of its own. */
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int backlog;
    private int inIntake;
    /** When a delivery last started or an intake last ended (System.nanoTime()). */
    private long lastProgress = System.nanoTime();
    private final AtomicLong waited = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();

    /**
     * @param limit most messages in flight (in intake or waiting for a delivery permit) before intake
     *              slows down
     * @param delay longest pause while nothing moves; zero turns pacing off
     */
    public InFlowControl(int limit, Duration delay) {
        this(limit, delay, LONGEST_PAUSE);
    }

    InFlowControl(int limit, Duration delay, Duration longest) {
        if (limit < 0 || delay.isNegative() || longest.isNegative()) {
            throw new IllegalArgumentException(
                    "bulwark.smtp.in-flow-backlog and in-flow-delay must not be negative");
        }
        this.limit = limit;
        this.delayNanos = delay.toNanos();
        this.longestNanos = longest.toNanos();
    }

    /** Counts but never pauses (tests and tools that build the parts by hand). */
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
            moved();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lets a message in (a receiving session, before it takes the content in), pausing the caller
     * while too much is in flight or others wait: until room is made for it, or nothing has moved
     * for the delay. Close the admission when the message's intake ends, accepted or not.
     */
    public Admission admit() throws InterruptedException {
        lock.lock();
        try {
            if (delayNanos == 0 || (waiting.isEmpty() && inFlight() <= limit)) {
                inIntake++;
                return new Entry(Pace.NONE);
            }
            return new Entry(await());
        } finally {
            lock.unlock();
        }
    }

    /** Waits its turn at the back of the line; the lock is held. */
    private Pace await() throws InterruptedException {
        Waiter self = new Waiter(lock.newCondition());
        waiting.addLast(self);
        long start = System.nanoTime();
        try {
            while (!self.granted) {
                long now = System.nanoTime();
                long since = lastProgress - start > 0 ? lastProgress : start;
                long left = Math.min(since + delayNanos - now, start + longestNanos - now);
                if (left <= 0) {
                    waiting.remove(self);
                    inIntake++;
                    timedOut.incrementAndGet();
                    return Pace.TIMED_OUT;
                }
                self.turn.awaitNanos(left);
            }
            waited.incrementAndGet();
            return Pace.WAITED;
        } catch (InterruptedException e) {
            if (self.granted) {
                inIntake--; // let in, but its session is going away: the room goes to the next
                letIn();
            } else {
                waiting.remove(self);
            }
            throw e;
        }
    }

    /** A delivery started or an intake ended; the lock is held. */
    private void moved() {
        lastProgress = System.nanoTime();
        letIn();
    }

    /** Lets the longest waiters in while there is room; the lock is held. */
    private void letIn() {
        while (!waiting.isEmpty() && inFlight() <= limit) {
            Waiter next = waiting.pollFirst();
            next.granted = true;
            inIntake++; // counted from now, so that the room is not given twice
            next.turn.signal();
        }
    }

    private int inFlight() {
        return backlog + inIntake;
    }

    /** One message waiting for room. Guarded by the lock. */
    private static final class Waiter {
        final Condition turn;
        boolean granted;

        Waiter(Condition turn) {
            this.turn = turn;
        }
    }

    private final class Entry implements Admission {
        private final Pace pace;
        private boolean closed;

        Entry(Pace pace) {
            this.pace = pace;
        }

        @Override
        public Pace pace() {
            return pace;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    inIntake--;
                    moved();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Delivery attempts waiting for a permit now. */
    public int backlog() {
        return locked(() -> backlog);
    }

    /** Messages let in whose intake has not ended yet. */
    public int inIntake() {
        return locked(() -> inIntake);
    }

    /** Sessions pausing in {@link #admit()} now. */
    public int pacing() {
        return locked(() -> waiting.size());
    }

    /** Messages that waited until delivery made room, since start. */
    public long waited() {
        return waited.get();
    }

    /** Messages that went on without room (nothing moved for the delay, or the longest pause passed), since start. */
    public long timedOut() {
        return timedOut.get();
    }

    private int locked(IntSupplier read) {
        lock.lock();
        try {
            return read.getAsInt();
        } finally {
            lock.unlock();
        }
    }
}
