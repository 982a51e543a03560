package io.bulwark.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Group commit of the spool directory's fsync, counted: callers that arrive while a sync runs are
 * not covered by it (it may have started before their rename) and share the next one.
 */
class DirectorySyncTest {

    @Test
    void callersArrivingDuringASyncShareTheNextOneAndNoneReturnsOnTheRunningOne() throws Exception {
        AtomicInteger syncs = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        DirectorySync sync = new DirectorySync(() -> {
            if (syncs.incrementAndGet() == 1) {
                firstStarted.countDown();
                try {
                    releaseFirst.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        });
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        Future<?> first = callers.submit(() -> {
            sync.sync();
            return null;
        });
        firstStarted.await();
        List<Future<?>> later = new ArrayList<>();
        AtomicInteger returned = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            later.add(callers.submit(() -> {
                sync.sync();
                returned.incrementAndGet();
                return null;
            }));
        }
        await().until(() -> sync.waiting() == 10);
        assertThat(syncs).hasValue(1);
        assertThat(returned).hasValue(0);

        releaseFirst.countDown();
        first.get();
        for (Future<?> f : later) {
            f.get();
        }
        assertThat(returned).hasValue(10);
        assertThat(syncs).as("the first, then one shared by all ten").hasValue(2);
        callers.shutdown();
    }

    @Test
    void aFailedSyncFailsItsRunnerAndTheNextCallerSyncsAgain() throws Exception {
        AtomicBoolean failNext = new AtomicBoolean(true);
        AtomicInteger syncs = new AtomicInteger();
        DirectorySync sync = new DirectorySync(() -> {
            syncs.incrementAndGet();
            if (failNext.getAndSet(false)) {
                throw new IOException("disk gone");
            }
        });
        assertThatThrownBy(sync::sync).isInstanceOf(IOException.class);
        sync.sync();
        assertThat(syncs).hasValue(2);
    }
}
