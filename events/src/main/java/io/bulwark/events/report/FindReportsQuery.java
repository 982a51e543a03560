package io.bulwark.events.report;

/** Every report not deleted, newest first; answered with {@link ReportView}s. */
public record FindReportsQuery() {
}
