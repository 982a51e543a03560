package io.bulwark.gateway.intake;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many messages are judged at once, and the heap they may take together.
 *
 * <p>Slots: judging is CPU work (and DNS waits); 500 sessions ending DATA together used to scan
 * 500 messages at once on two cores, each taking 250 times as long, all their bodies in memory, and
 * delivery starved of CPU (the 500-session run of issue 19). With a bound the others wait here, in
 * their SMTP session before anything of theirs is read into memory, in arrival order.
 *
 * <p>Memory: Judging holds a message in memory
 * (its content, and the decoded parts of the parsed view: about twice its size); a hundred sessions
 * finishing DATA with 10 MB each would otherwise need two gigabytes at the same moment. Each
 * message leases twice its size (at most the whole budget, so a message larger than the budget
 * still runs, alone) and gives it back when judged; a message that cannot get its lease within
 * the wait is answered {@code 451} by the caller and the sender retries, rather than the node
 * running out of memory.
 *
 * <p>Fair: leases are granted in arrival order, so a large message is not overtaken forever by
 * small ones. Thread-safe.
 */
final class JudgingBudget {
    /** Counted in KiB so that budgets up to terabytes fit the semaphore's int. */
    private static final long UNIT = 1024;

    private final Semaphore units;
    private final Semaphore slots;
    private final int total;
    private final Duration wait;

    /**
     * @param budgetBytes heap that messages being judged may take together
     * @param wait        how long a message waits for its lease
     */
    JudgingBudget(long budgetBytes, Duration wait) {
        this(budgetBytes, Integer.MAX_VALUE, wait);
    }

    /**
     * @param budgetBytes heap that messages being judged may take together
     * @param slotCount   most messages judged at once
     * @param wait        how long a message waits for its slot and memory together
     */
    JudgingBudget(long budgetBytes, int slotCount, Duration wait) {
        this.total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / UNIT));
        this.units = new Semaphore(total, true);
        this.slots = new Semaphore(slotCount, true);
        this.wait = wait;
    }

    /**
     * The lease of a message of {@code sizeBytes} (a slot and its memory), or empty when either
     * stayed taken for the whole wait.
     */
    Optional<Lease> lease(long sizeBytes) throws InterruptedException {
        int wanted = (int) Math.max(1, Math.min(total, (2 * sizeBytes + UNIT - 1) / UNIT));
        long deadline = System.nanoTime() + wait.toNanos();
        if (!slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        boolean leased = false;
        try {
            leased = units.tryAcquire(wanted, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } finally {
            if (!leased) {
                slots.release();
            }
        }
        return leased ? Optional.of(new Lease(wanted)) : Optional.empty();
    }

    /** Judging slots free now (for tests and diagnostics). */
    int freeSlots() {
        return slots.availablePermits();
    }

    /** Units free now (for tests and diagnostics). */
    int available() {
        return units.availablePermits();
    }

    /** What one message holds; give it back with {@link #close()}, once. */
    final class Lease implements AutoCloseable {
        private final int held;
        private boolean closed;

        private Lease(int held) {
            this.held = held;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                units.release(held);
                slots.release();
            }
        }
    }
}
