package io.bulwark.events.report;

import io.bulwark.events.AggregateCommand;
import java.time.Instant;

/**
 * Record that creating or mailing a report failed.
 *
 * @param reason what went wrong, in words an administrator understands
 */
public record RecordReportFailureCommand(String reportId, ReportType type, Instant from, Instant to, String reason,
        String actor) implements AggregateCommand {

    @Override
    public String targetId() {
        return reportId;
    }
}
