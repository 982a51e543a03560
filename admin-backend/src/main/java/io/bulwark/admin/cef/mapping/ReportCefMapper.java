package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;
import io.bulwark.admin.cef.CefRecord;
import io.bulwark.events.report.ReportCreatedEvent;
import io.bulwark.events.report.ReportDeletedEvent;
import io.bulwark.events.report.ReportFailedEvent;
import io.bulwark.events.report.ReportScheduleChangedEvent;
import io.bulwark.events.report.ReportScheduleEntry;
import io.bulwark.events.report.ReportType;
import java.time.Instant;

/**
 * Report group (reference G.3): a report created ({@code cs1} ReportType, {@code cs2} PeriodInfo,
 * {@code fname}), creating or mailing it failed, an administrator deleted it, the schedule changed.
 */
public final class ReportCefMapper implements CefMappingTable.GroupMapper {
    /** A scheduled or custom report was created. */
    public static final String REPORT_CREATED = "BW_EV_REPORT_CREATED";
    /** Creating or mailing a report failed. */
    public static final String REPORT_CREATING_ERROR = "BW_EV_REPORT_CREATING_ERROR";
    /** An administrator deleted a report. */
    public static final String REPORT_DELETED = "BW_EV_REPORT_DELETED";
    /** The daily / weekly / monthly schedule was changed. */
    public static final String REPORT_SCHEDULE_CHANGED = "BW_EV_REPORT_SCHEDULE_CHANGED";

    @Override
    public CefGroup group() {
        return CefGroup.REPORT;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        r.map(ReportCreatedEvent.class, e -> CefFields.actor(CefRecord.builder(REPORT_CREATED, "Report created", 3)
                .time(e.at()), e.actor())
                .customString(1, "ReportType", type(e.type())).customString(2, "PeriodInfo", period(e.from(), e.to()))
                .customString(3, "ReportId", e.reportId()).put("fname", e.fileName())
                .list("duser", e.recipients()).build());
        r.map(ReportFailedEvent.class, e -> CefFields.actor(CefRecord.builder(REPORT_CREATING_ERROR,
                "Report creating error", 7).time(e.at()), e.actor())
                .customString(1, "ReportType", type(e.type())).customString(2, "PeriodInfo", period(e.from(), e.to()))
                .customString(3, "ReportId", e.reportId()).put("reason", e.reason()).build());
        r.map(ReportDeletedEvent.class, e -> CefFields.actor(CefRecord.builder(REPORT_DELETED, "Report deleted", 4)
                .time(e.at()), e.actor())
                .customString(1, "ReportType", type(e.type())).customString(2, "PeriodInfo", period(e.from(), e.to()))
                .customString(3, "ReportId", e.reportId()).put("act", "deleted").build());
        r.map(ReportScheduleChangedEvent.class, e -> CefFields.actor(CefRecord.builder(REPORT_SCHEDULE_CHANGED,
                "Report schedule changed", 3).time(e.at()), e.actor())
                .customString(1, "Daily", entry(e.daily())).customString(2, "Weekly", entry(e.weekly()))
                .customString(3, "Monthly", entry(e.monthly())).put("act", "changed").build());
    }

    private static String type(ReportType type) {
        return type == null ? null : type.name();
    }

    private static String period(Instant from, Instant to) {
        return from == null || to == null ? null : from + "/" + to;
    }

    private static String entry(ReportScheduleEntry e) {
        return (e.enabled() ? "on " : "off ") + e.time() + (e.recipients().isEmpty() ? "" : " to "
                + String.join(",", e.recipients()));
    }
}
