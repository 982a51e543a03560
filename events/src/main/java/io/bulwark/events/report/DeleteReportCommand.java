package io.bulwark.events.report;

import io.bulwark.events.AggregateCommand;

/** Delete a report (an audited administrative action). */
public record DeleteReportCommand(String reportId, String actor) implements AggregateCommand {

    @Override
    public String targetId() {
        return reportId;
    }
}
