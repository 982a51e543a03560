package io.bulwark.events.report;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/** A report was deleted by an administrator. */
@EventRevision("1")
public record ReportDeletedEvent(String reportId, ReportType type, Instant from, Instant to, String actor,
        Instant at) {
}
