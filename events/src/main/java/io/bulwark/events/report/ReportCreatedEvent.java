package io.bulwark.events.report;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/**
 * A report was created: its period is fixed and it can be viewed, downloaded and mailed. Its
 * contents are read from the report counters of the period (docs/reports.md), not stored here.
 *
 * @param fileName the PDF's file name
 */
@EventRevision("1")
public record ReportCreatedEvent(String reportId, ReportType type, Instant from, Instant to, String fileName,
        List<String> recipients, String actor, Instant at) {

    public ReportCreatedEvent {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
