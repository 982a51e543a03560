package io.bulwark.events.report;

/** What a report covers: a scheduled period (the day, ISO week or month before) or a custom one. */
public enum ReportType {
    DAILY, WEEKLY, MONTHLY, CUSTOM
}
