package io.bulwark.admin.history.retention;

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
    private final HistoryRetention retention;

    public HistoryRetentionController(HistoryRetention retention) {
        this.retention = retention;
    }

    @GetMapping("/retention")
    public HistoryRetention.RetentionStatus retention() {
        return retention.status();
    }

    @PostMapping("/archive")
    public HistoryRetention.ArchiveResult archive(Authentication user) {
        return retention.archiveNow(user.getName());
    }
}
