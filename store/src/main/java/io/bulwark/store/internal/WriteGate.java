package io.bulwark.store.internal;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps commits of the embedded store at consistent points: between server commands, never inside
 * one.
 *
 * <p>Why: the embedded server writes a document and then each of its index entries as separate map
 * operations. An MVStore commit taken between them would put a document on disk without its index
 * entries; after a crash the document exists but the {@code $in} lookups by event id or aggregate
 * sequence do not find it, so the same event could be appended twice or an aggregate forked. With
 * MVStore's own commits switched off, every commit goes through {@link #commit(Runnable)}, which
 * waits for the commands in flight to finish and holds new ones back while it runs; commands share
 * the gate among themselves.
 *
 * <p>Not fair on purpose, but a waiting commit is not starved: a thread asking for the shared side
 * queues behind a waiting commit (the JDK lock's writer preference), and a command already inside
 * may re-enter. Thread-safe.
 */
public final class WriteGate {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** Runs one server command; any number run at once, none while a commit runs. */
    public <T> T command(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether a commit is waiting for commands to finish (for tests and diagnostics). */
    public boolean commitWaiting() {
        return lock.hasQueuedThreads() && lock.getReadLockCount() > 0;
    }

    /** Runs a commit once no command is in flight; commands wait until it is done. */
    public void commit(Runnable commit) {
        lock.writeLock().lock();
        try {
            commit.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
