package io.bulwark.events.report;

import io.bulwark.events.AggregateCommand;

/**
 * Change the report schedule. All three entries are given every time (the form sends them all), so
 * the event records the complete new state.
 *
 * @param actor the administrator
 */
public record ChangeReportScheduleCommand(ReportScheduleEntry daily, ReportScheduleEntry weekly,
        ReportScheduleEntry monthly, String actor) implements AggregateCommand {

    @Override
    public String targetId() {
        return ReportIds.SCHEDULE_ID;
    }
}
