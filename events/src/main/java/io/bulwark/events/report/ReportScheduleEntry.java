package io.bulwark.events.report;

import java.time.LocalTime;
import java.util.List;

/**
 * One scheduled report type's settings.
 *
 * @param enabled    whether the report is created when due
 * @param time       time of day (UTC) it is created once its period is over: a daily report for the
 *                   day before at this time, a weekly one on Monday, a monthly one on the 1st
 * @param recipients addresses the PDF is mailed to; empty to only keep it in the console
 */
public record ReportScheduleEntry(boolean enabled, LocalTime time, List<String> recipients) {

    public ReportScheduleEntry {
        time = time == null ? LocalTime.of(6, 0) : time;
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** The factory setting: off, at 06:00, no recipients. */
    public static ReportScheduleEntry off() {
        return new ReportScheduleEntry(false, LocalTime.of(6, 0), List.of());
    }
}
