package io.bulwark.admin.history.retention;

import io.bulwark.admin.support.PeriodicTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link SegmentArchiver} on the daemon thread {@code history-archiver} every
 * {@code bulwark.history.archive-interval} (actor {@code system}; the first run after at most five
 * minutes), on admin nodes with {@code bulwark.history.archive-enabled}. Several nodes may run it:
 * the {@code HistoryArchive} aggregate lets one record each segment, the other's command is refused
 * and its run ends (logged, retried at the next interval). A failed run removes nothing it has not
 * recorded.
 */
public final class HistoryArchiveRunner extends PeriodicTask {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryArchiveRunner.class);

    private final SegmentArchiver archiver;

    public HistoryArchiveRunner(SegmentArchiver archiver, Duration interval) {
        super("history-archiver", interval.compareTo(Duration.ofMinutes(5)) < 0 ? interval : Duration.ofMinutes(5),
                interval);
        this.archiver = archiver;
    }

    @Override
    protected void runOnce() {
        var archived = archiver.archiveDue("system");
        if (!archived.isEmpty()) {
            LOG.info("Archived {} history segment(s) up to index {} to {}", archived.size(),
                    archived.getLast().last(), archiver.directory());
        }
    }
}
