package io.bulwark.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/** Test helper: runs work on several threads at once and fails on the first thread's failure. */
public final class Concurrently {

    private Concurrently() {
    }

    /**
     * Runs {@code work} on {@code threads} platform threads at once, each given its number, and
     * waits for all of them (90 s at most); a failure or exception of any thread fails the caller.
     */
    public static void run(int threads, IntConsumer work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> work.accept(thread)));
            }
            for (Future<?> future : futures) {
                future.get(90, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw new AssertionError("a thread failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
