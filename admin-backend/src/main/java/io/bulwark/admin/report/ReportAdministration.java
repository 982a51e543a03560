package io.bulwark.admin.report;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.report.ChangeReportScheduleCommand;
import io.bulwark.events.report.CreateReportCommand;
import io.bulwark.events.report.DeleteReportCommand;
import io.bulwark.events.report.FindReportScheduleQuery;
import io.bulwark.events.report.FindReportsQuery;
import io.bulwark.events.report.ReportScheduleEntry;
import io.bulwark.events.report.ReportScheduleView;
import io.bulwark.events.report.ReportType;
import io.bulwark.events.report.ReportView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;

/**
 * The reports behind the REST API and the console: list, contents, PDF and charts (read from the
 * counters for the report's period), custom reports, deletion and the schedule (audited commands).
 * Refusals: {@link InvalidReportException}, {@link UnknownReportException}; no answer from the buses:
 * {@link IllegalStateException}. Stateless and thread-safe.
 */
public class ReportAdministration {
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReportCounters counters;

    public ReportAdministration(CommandGateway commands, QueryGateway queries, ReportCounters counters) {
        this.commands = commands;
        this.queries = queries;
        this.counters = counters;
    }

    /** Every report, newest period first. */
    public List<ReportView> list() {
        return BusCalls.await(queries.query(new FindReportsQuery(), ResponseTypes.multipleInstancesOf(ReportView.class)),
                "Reports");
    }

    /** One report. */
    public ReportView get(String id) {
        return list().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new UnknownReportException(id));
    }

    /** A report's contents. */
    public ReportData data(String id) {
        return data(get(id));
    }

    /** A report's contents. */
    public ReportData data(ReportView report) {
        if (report.from() == null || report.to() == null) {
            throw new InvalidReportException("Report " + report.id() + " has no period (it failed: " + report.reason()
                    + ")");
        }
        return counters.read(report.from(), report.to());
    }

    /** A report as PDF. */
    public byte[] pdf(String id) {
        ReportView report = get(id);
        return ReportPdf.render(report, data(report));
    }

    /** One of {@link ReportCharts#NAMES} of a report as PNG. */
    public byte[] chart(String id, String name, int width, int height) {
        if (!ReportCharts.NAMES.contains(name)) {
            throw new InvalidReportException("No chart " + name + "; charts: " + ReportCharts.NAMES);
        }
        return ReportCharts.png(name, data(id), Math.clamp(width, 100, 2000), Math.clamp(height, 100, 2000));
    }

    /** Creates a custom report of {@code [from, to)}; mailed when there are recipients. */
    public ReportView create(Instant from, Instant to, List<String> recipients, String actor) {
        String id = "custom-" + UUID.randomUUID().toString().substring(0, 8);
        BusCalls.await(commands.send(new CreateReportCommand(id, ReportType.CUSTOM, from, to, recipients, actor)),
                "Reports");
        BusCalls.awaitVisible(() -> list().stream().anyMatch(r -> r.id().equals(id)));
        return get(id);
    }

    /** Deletes a report (audited). */
    public void delete(String id, String actor) {
        try {
            BusCalls.await(commands.send(new DeleteReportCommand(id, actor)), "Reports");
        } catch (AggregateNotFoundException e) {
            throw new UnknownReportException(id);
        }
        BusCalls.awaitVisible(() -> list().stream().noneMatch(r -> r.id().equals(id)));
    }

    /** The schedule in force. */
    public ReportScheduleView schedule() {
        return BusCalls.await(queries.query(new FindReportScheduleQuery(), ReportScheduleView.class), "Reports");
    }

    /** Changes the schedule (audited); answers the schedule in force afterwards. */
    public ReportScheduleView changeSchedule(ReportScheduleEntry daily, ReportScheduleEntry weekly,
            ReportScheduleEntry monthly, String actor) {
        Instant before = Instant.now().minusSeconds(1);
        BusCalls.await(commands.send(new ChangeReportScheduleCommand(daily, weekly, monthly, actor)), "Reports");
        // visible when the projection shows a change at or after ours (a change to the values in force records nothing)
        BusCalls.awaitVisible(() -> {
            ReportScheduleView now = schedule();
            return now.changedAt() != null && !now.changedAt().isBefore(before)
                    || now.daily().equals(daily) && now.weekly().equals(weekly) && now.monthly().equals(monthly);
        });
        return schedule();
    }
}
