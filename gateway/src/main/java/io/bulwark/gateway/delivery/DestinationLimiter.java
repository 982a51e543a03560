package io.bulwark.gateway.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the parallel deliveries to one destination (Postfix's
 * {@code default_destination_concurrency_limit}), so a burst for one domain neither floods its
 * server nor starves the others. Entries exist only while a destination is in use, so the map
 * does not grow with the number of domains ever seen.
 *
 * <p>A lock and condition rather than {@code synchronized}, so that waiting virtual threads do
 * not pin their carrier threads. Thread-safe.
 */
final class DestinationLimiter {
    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Map<String, int[]> usage = new HashMap<>(); // destination -> {active, waiting}

    DestinationLimiter(int limit) {
        this.limit = limit;
    }

    /** Waits for a slot for {@code destination}. */
    void acquire(String destination) throws InterruptedException {
        lock.lock();
        try {
            int[] counts = usage.computeIfAbsent(destination, k -> new int[2]);
            counts[1]++;
            try {
                while (counts[0] >= limit) {
                    released.await();
                }
            } catch (InterruptedException e) {
                counts[1]--;
                if (counts[0] <= 0 && counts[1] == 0) {
                    usage.remove(destination);
                }
                throw e;
            }
            counts[1]--;
            counts[0]++;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the slot taken by {@link #acquire}. */
    void release(String destination) {
        lock.lock();
        try {
            int[] counts = usage.get(destination);
            if (counts != null) {
                counts[0]--;
                if (counts[0] <= 0 && counts[1] == 0) {
                    usage.remove(destination);
                }
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Deliveries waiting for a slot for {@code destination}. */
    int waiting(String destination) {
        lock.lock();
        try {
            int[] counts = usage.get(destination);
            return counts == null ? 0 : counts[1];
        } finally {
            lock.unlock();
        }
    }
}
