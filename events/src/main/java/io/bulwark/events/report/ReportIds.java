package io.bulwark.events.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Identifiers shared by the report commands, events and readers. */
public final class ReportIds {
    /** The aggregate (and event stream) holding the schedule. */
    public static final String SCHEDULE_ID = "report-schedule";
    /** The actor of what the scheduler does. */
    public static final String SYSTEM_ACTOR = "system";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private ReportIds() {
    }

    /**
     * The id of a scheduled report: the type and the first day of its period, e.g.
     * {@code daily-2026-12-04}. Deterministic, so that two admin nodes creating the same due report
     * address the same aggregate and only one creation is stored.
     */
    public static String scheduled(ReportType type, Instant from) {
        return type.name().toLowerCase(Locale.ROOT) + "-" + DAY.format(from);
    }

    /** The file name of a report's PDF. */
    public static String fileName(String reportId) {
        return "bulwark-report-" + reportId + ".pdf";
    }
}
