package io.bulwark.admin.history.retention;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link SegmentArchiver} on one daemon thread every {@code bulwark.history.archive-interval}
 * (actor {@code system}), on admin nodes with {@code bulwark.history.archive-enabled}. Several nodes
 * may run it: the {@code HistoryArchive} aggregate lets one record each segment, the other's command
 * is refused and its run ends (logged, retried at the next interval). A failed run removes nothing
 * it has not recorded.
 */
public final class HistoryArchiveRunner implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryArchiveRunner.class);

    private final SegmentArchiver archiver;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public HistoryArchiveRunner(SegmentArchiver archiver, Duration interval) {
        this.archiver = archiver;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "history-archiver");
            thread.setDaemon(true);
            return thread;
        });
        long first = Math.min(interval.toMillis(), Duration.ofMinutes(5).toMillis());
        executor.scheduleWithFixedDelay(this::run, first, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            var archived = archiver.archiveDue("system");
            if (!archived.isEmpty()) {
                LOG.info("Archived {} history segment(s) up to index {} to {}", archived.size(),
                        archived.getLast().last(), archiver.directory());
            }
        } catch (RuntimeException e) {
            LOG.warn("History archiving run failed; retrying in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
