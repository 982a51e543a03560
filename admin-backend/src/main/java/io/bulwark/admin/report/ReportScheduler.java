package io.bulwark.admin.report;

import io.bulwark.events.report.CreateReportCommand;
import io.bulwark.events.report.FindReportScheduleQuery;
import io.bulwark.events.report.RecordReportFailureCommand;
import io.bulwark.events.report.ReportIds;
import io.bulwark.events.report.ReportScheduleEntry;
import io.bulwark.events.report.ReportScheduleView;
import io.bulwark.events.report.ReportType;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the scheduled reports when they are due, on every admin node: once a minute it reads the
 * schedule and sends {@link CreateReportCommand} for each enabled type's latest due period, with the
 * deterministic id {@link ReportIds#scheduled}. The {@link Report} aggregate is the lock: a second
 * node's command for the same id finds the report created and records nothing; a deleted report
 * stays deleted. A creation that fails for another reason is recorded as {@code ReportFailedEvent}.
 * Only the latest period of each type is considered: a node that was down for a week creates the
 * last daily report, not seven.
 *
 * <p>{@link #runDue()} is the whole logic, callable from tests with a fixed clock; {@link #start()}
 * runs it on one daemon thread. Thread-safe (synchronised).
 */
public class ReportScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final Set<String> done = new HashSet<>();
    private ScheduledExecutorService timer;

    public ReportScheduler(CommandGateway commands, QueryGateway queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    /** Creates every report that is due now and was not created by this node yet. */
    public synchronized void runDue() {
        ReportScheduleView schedule = queries.query(new FindReportScheduleQuery(), ReportScheduleView.class).join();
        for (Map.Entry<ReportType, ReportScheduleEntry> e : Map.of(ReportType.DAILY, schedule.daily(),
                ReportType.WEEKLY, schedule.weekly(), ReportType.MONTHLY, schedule.monthly()).entrySet()) {
            if (e.getValue().enabled()) {
                create(e.getKey(), e.getValue());
            }
        }
    }

    private void create(ReportType type, ReportScheduleEntry entry) {
        ReportPeriods.Period period = ReportPeriods.latestDue(type, entry, clock.instant());
        String id = ReportIds.scheduled(type, period.from());
        if (done.contains(id)) {
            return;
        }
        try {
            commands.sendAndWait(new CreateReportCommand(id, type, period.from(), period.to(), entry.recipients(),
                    ReportIds.SYSTEM_ACTOR));
            done.add(id);
        } catch (AggregateNotFoundException deleted) {
            done.add(id); // deleted by an administrator: stays deleted
        } catch (RuntimeException e) {
            if (isConcurrentCreation(e)) {
                done.add(id); // another admin node created it at the same moment
                return;
            }
            LOG.warn("Creating report {} failed", id, e);
            try {
                commands.sendAndWait(new RecordReportFailureCommand(id, type, period.from(), period.to(),
                        String.valueOf(e.getMessage()), ReportIds.SYSTEM_ACTOR));
                done.add(id);
            } catch (RuntimeException again) {
                LOG.warn("Recording the failure of report {} failed", id, again);
            }
        }
    }

    private static boolean isConcurrentCreation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.contains("ConcurrencyException") || name.contains("DuplicateKey")) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@link #runDue()} every {@code period} on a daemon thread, first after {@code period}. */
    public synchronized void start(Duration period) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "report-scheduler");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(() -> {
                try {
                    runDue();
                } catch (RuntimeException e) {
                    LOG.warn("Report scheduler run failed", e);
                }
            }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
