package io.bulwark.events.report;

import io.bulwark.events.AggregateCommand;
import java.time.Instant;
import java.util.List;

/**
 * Create a report of the period {@code [from, to)}. The scheduler sends it with a deterministic
 * id ({@link ReportIds#scheduled}); a custom report gets a fresh id.
 *
 * @param reportId   the report's id
 * @param type       scheduled type or CUSTOM
 * @param from       start of the period, inclusive
 * @param to         end of the period, exclusive
 * @param recipients where the PDF is mailed; empty for none
 * @param actor      the administrator, or {@link ReportIds#SYSTEM_ACTOR} for the scheduler
 */
public record CreateReportCommand(String reportId, ReportType type, Instant from, Instant to, List<String> recipients,
        String actor) implements AggregateCommand {

    public CreateReportCommand {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    @Override
    public String targetId() {
        return reportId;
    }
}
