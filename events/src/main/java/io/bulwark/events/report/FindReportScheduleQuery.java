package io.bulwark.events.report;

/** The schedule in force; answered with a {@link ReportScheduleView}. */
public record FindReportScheduleQuery() {
}
