package io.bulwark.events.report;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/** Creating or mailing a report failed (CEF {@code BW_EV_REPORT_CREATING_ERROR}). */
@EventRevision("1")
public record ReportFailedEvent(String reportId, ReportType type, Instant from, Instant to, String reason,
        String actor, Instant at) {
}
