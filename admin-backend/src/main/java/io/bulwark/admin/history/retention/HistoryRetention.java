package io.bulwark.admin.history.retention;

import io.bulwark.admin.history.Checkpoint;
import io.bulwark.admin.history.HistoryStore;
import io.bulwark.admin.history.HistoryStore.ArchivedSegment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The retention of the history as the API and the console show and drive it: the status (retention
 * per class, archived segments, the next one) and an archive run now. One home for both. Thread-safe.
 */
public final class HistoryRetention {
    private final SegmentArchiver archiver;
    private final HistoryStore store;
    private final RetentionPolicy policy;

    public HistoryRetention(SegmentArchiver archiver, HistoryStore store, RetentionPolicy policy) {
        this.archiver = archiver;
        this.store = store;
        this.policy = policy;
    }

    public RetentionStatus status() {
        Map<String, String> retention = new LinkedHashMap<>();
        for (String eventClass : List.of(RetentionPolicy.MESSAGE, RetentionPolicy.BACKUP, RetentionPolicy.ADMIN,
                RetentionPolicy.HISTORY)) {
            retention.put(eventClass, policy.retention(eventClass).map(Duration::toString).orElse(RetentionPolicy.KEEP));
        }
        long archivedUpTo = store.archivedUpTo();
        Optional<Checkpoint> next = archiver.nextSegmentEnd();
        return new RetentionStatus(retention, archivedUpTo, archiver.directory().toString(), store.archivedSegments(),
                next.map(c -> new NextSegment(archivedUpTo + 1, c.index(), c.hash())).orElse(null));
    }

    /** Archives every due segment now, with {@code actor} in the records. */
    public ArchiveResult archiveNow(String actor) {
        List<ArchivedSegment> archived = archiver.archiveDue(actor);
        return new ArchiveResult(archived, store.archivedUpTo());
    }

    /**
     * The retention status.
     *
     * @param retention        per event class an ISO-8601 duration or {@code keep}
     * @param archivedUpTo     the last archived index (0: none)
     * @param archiveDirectory where this node writes archive files
     * @param segments         the archived segments, oldest first
     * @param nextSegment      the segment that would be archived next once past retention, or null
     */
    public record RetentionStatus(Map<String, String> retention, long archivedUpTo, String archiveDirectory,
            List<ArchivedSegment> segments, NextSegment nextSegment) {
    }

    /** The next sealed segment (up to the next signed checkpoint). */
    public record NextSegment(long first, long last, String checkpointHash) {
    }

    /** What an archive run did. */
    public record ArchiveResult(List<ArchivedSegment> archived, long archivedUpTo) {
    }
}
