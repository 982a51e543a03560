package io.bulwark.console.report;

import io.bulwark.admin.report.ReportAdministration;
import io.bulwark.admin.report.ReportCharts;
import io.bulwark.admin.report.ReportData;
import io.bulwark.console.kit.Roles;
import io.bulwark.events.report.ReportScheduleEntry;
import io.bulwark.events.report.ReportScheduleView;
import io.bulwark.events.report.ReportView;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to the reports, over the backend's {@link ReportAdministration}: every role
 * reads (list, contents, PDF, chart images); only ADMINISTRATOR creates, deletes and changes the
 * schedule (checked here on the server, whatever the page shows). Refusals:
 * {@link AccessDeniedException}, {@link io.bulwark.admin.report.InvalidReportException},
 * {@link io.bulwark.admin.report.UnknownReportException}. Stateless and thread-safe.
 */
@Component
public class ReportsClient {
    private final ReportAdministration reports;

    public ReportsClient(ReportAdministration reports) {
        this.reports = reports;
    }

    /** Whether the user may create, delete and schedule. */
    public boolean canChange() {
        return Roles.isAdministrator();
    }

    public List<ReportView> list() {
        return reports.list();
    }

    public ReportData data(ReportView report) {
        return reports.data(report);
    }

    /** The PDF of a report. */
    public byte[] pdf(String id) {
        return reports.pdf(id);
    }

    /** One of {@link ReportCharts#NAMES} as PNG: the same images as the API's chart endpoint. */
    public byte[] chart(String id, String name) {
        return reports.chart(id, name, 800, 400);
    }

    public ReportView create(Instant from, Instant to, List<String> recipients) {
        requireChange();
        return reports.create(from, to, recipients, Roles.actor());
    }

    public void delete(String id) {
        requireChange();
        reports.delete(id, Roles.actor());
    }

    public ReportScheduleView schedule() {
        return reports.schedule();
    }

    public ReportScheduleView changeSchedule(ReportScheduleEntry daily, ReportScheduleEntry weekly,
            ReportScheduleEntry monthly) {
        requireChange();
        return reports.changeSchedule(daily, weekly, monthly, Roles.actor());
    }

    private void requireChange() {
        if (!canChange()) {
            throw new AccessDeniedException("Creating, deleting and scheduling reports needs ADMINISTRATOR");
        }
    }
}
