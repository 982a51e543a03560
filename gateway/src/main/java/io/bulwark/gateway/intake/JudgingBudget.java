package io.bulwark.gateway.intake;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the heap that messages being judged may take at once. Judging holds a message in memory
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
    private final int total;
    private final Duration wait;

    /**
     * @param budgetBytes heap that messages being judged may take together
     * @param wait        how long a message waits for its lease
     */
    JudgingBudget(long budgetBytes, Duration wait) {
        this.total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / UNIT));
        this.units = new Semaphore(total, true);
        this.wait = wait;
    }

    /** The lease of a message of {@code sizeBytes}, or empty when the budget stayed taken for the whole wait. */
    Optional<Lease> lease(long sizeBytes) throws InterruptedException {
        int wanted = (int) Math.max(1, Math.min(total, (2 * sizeBytes + UNIT - 1) / UNIT));
        if (!units.tryAcquire(wanted, wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        return Optional.of(new Lease(wanted));
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
            }
        }
    }
}
