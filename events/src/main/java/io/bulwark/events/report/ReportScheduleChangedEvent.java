package io.bulwark.events.report;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The report schedule was changed by an administrator, with the values before (the factory
 * setting, all off, before the first change) so the audit log shows old and new.
 */
@EventRevision("1")
public record ReportScheduleChangedEvent(ReportScheduleEntry daily, ReportScheduleEntry weekly,
        ReportScheduleEntry monthly, ReportScheduleEntry previousDaily, ReportScheduleEntry previousWeekly,
        ReportScheduleEntry previousMonthly, String actor, Instant at) {
}
