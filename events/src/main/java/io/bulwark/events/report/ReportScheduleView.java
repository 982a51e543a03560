package io.bulwark.events.report;

import java.time.Instant;

/** The schedule in force, who changed it last and when (null before the first change). */
public record ReportScheduleView(ReportScheduleEntry daily, ReportScheduleEntry weekly, ReportScheduleEntry monthly,
        String changedBy, Instant changedAt) {
}
