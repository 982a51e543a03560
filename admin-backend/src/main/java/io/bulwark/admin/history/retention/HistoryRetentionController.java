package io.bulwark.admin.history.retention;

import io.bulwark.admin.history.Checkpoint;
import io.bulwark.admin.history.HistoryStore;
import io.bulwark.admin.history.HistoryStore.ArchivedSegment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retention of the history (docs/history.md, "Retention and archiving"):
 *
 * <ul>
 *   <li>{@code GET /api/v1/history/retention} (every role): the retention per event class, the
 *       archived segments with their files and SHA-256, and the next segment;</li>
 *   <li>{@code POST /api/v1/history/archive} (ADMINISTRATOR): archives every due segment now, as the
 *       scheduled job does; each archived segment is recorded as a {@code HistorySegmentArchivedEvent}
 *       with the caller as actor.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/history")
public class HistoryRetentionController {
    private final SegmentArchiver archiver;
    private final HistoryStore store;
    private final RetentionPolicy policy;

    public HistoryRetentionController(SegmentArchiver archiver, HistoryStore store, RetentionPolicy policy) {
        this.archiver = archiver;
        this.store = store;
        this.policy = policy;
    }

    @GetMapping("/retention")
    public RetentionStatus retention() {
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

    @PostMapping("/archive")
    public ArchiveResult archive(Authentication user) {
        List<ArchivedSegment> archived = archiver.archiveDue(user.getName());
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
