package io.bulwark.gateway.spool;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of the spool directory's fsync: callers that made a rename or deletion durable-to-be
 * at about the same time share one {@code fsync} of the directory, the way a database shares one
 * log flush among the transactions that committed together.
 *
 * <p>Each caller takes a ticket after its own rename. A sync that <em>starts</em> after the ticket
 * was taken covers that rename, so the caller returns when such a sync has completed: it either
 * runs one itself (taking every ticket handed out so far along) or waits for the one another caller
 * started later. A sync already running when the ticket was taken may have started before the
 * rename, so it does not count. Nobody returns before their rename is on disk: the 250 after a
 * spool commit stays durable (KillNineIT). With 20 sessions and 20 deliveries, most of the
 * per-message directory syncs coalesce (docs/benchmarks.md, "profile after").
 *
 * <p>A failed sync fails only its runner; the waiters it would have covered try again themselves.
 * Thread-safe; uses a lock and condition rather than {@code synchronized}, so that waiting virtual
 * threads do not pin their carriers on JDK 21.
 */
final class DirectorySync {

    /** The fsync itself. */
    @FunctionalInterface
    interface Force {
        void force() throws IOException;
    }

    private final Force force;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();
    private final java.util.concurrent.atomic.AtomicLong issued = new java.util.concurrent.atomic.AtomicLong();
    private volatile long covered;
    private boolean running;
    private int waiting;

    DirectorySync(Force force) {
        this.force = force;
    }

    /** Callers waiting for a sync to complete (tests observe the group forming). */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A ticket for a change made before this call, without waiting: {@link #covers} tells when a sync
     * that started after it has completed (spare files, {@link SpareFiles}, are reused only then).
     * A ticket taken while a sync runs is after that sync's target, so only a later sync covers it.
     */
    long ticket() {
        return issued.incrementAndGet();
    }

    /** Whether a sync that started after {@code ticket} was taken has completed. */
    boolean covers(long ticket) {
        return covered >= ticket;
    }

    /** Returns once a directory sync that started after this call began has completed. */
    void sync() throws IOException {
        long ticket;
        long target;
        lock.lock();
        try {
            ticket = issued.incrementAndGet();
            while (true) {
                if (covered >= ticket) {
                    return;
                }
                if (!running) {
                    break;
                }
                waiting++;
                try {
                    done.await();
                } finally {
                    waiting--;
                }
            }
            running = true;
            target = issued.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the spool directory sync");
        } finally {
            lock.unlock();
        }
        boolean synced = false;
        try {
            force.force();
            synced = true;
        } finally {
            lock.lock();
            try {
                running = false;
                if (synced) {
                    covered = Math.max(covered, target);
                }
                done.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
