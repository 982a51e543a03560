package io.bulwark.events.report;

import java.time.Instant;
import java.util.List;

/**
 * One report as the list shows it.
 *
 * @param status    {@code CREATED} or {@code FAILED}
 * @param reason    the last failure's reason, or {@code null}
 */
public record ReportView(String id, ReportType type, Instant from, Instant to, String fileName,
        List<String> recipients, String status, String reason, String createdBy, Instant createdAt) {
}
