package io.bulwark.admin.report;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.events.report.ChangeReportScheduleCommand;
import io.bulwark.events.report.ReportIds;
import io.bulwark.events.report.ReportScheduleChangedEvent;
import io.bulwark.events.report.ReportScheduleEntry;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The schedule of the daily, weekly and monthly reports (identifier {@value ReportIds#SCHEDULE_ID}):
 * each enabled or not, its time of day (UTC) and its recipients. Before the first change all three
 * are off. A change to the values in force records nothing. Handlers validate, then apply.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class ReportSchedule {
    @AggregateIdentifier
    private String id;
    private ReportScheduleEntry daily = ReportScheduleEntry.off();
    private ReportScheduleEntry weekly = ReportScheduleEntry.off();
    private ReportScheduleEntry monthly = ReportScheduleEntry.off();

    /** For Axon: instances are rebuilt from events. */
    protected ReportSchedule() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeReportScheduleCommand command) {
        if (command.actor() == null || command.actor().isBlank()) {
            throw new InvalidReportException("The actor is required");
        }
        ReportScheduleEntry d = checked(command.daily(), "daily");
        ReportScheduleEntry w = checked(command.weekly(), "weekly");
        ReportScheduleEntry m = checked(command.monthly(), "monthly");
        if (id != null && d.equals(daily) && w.equals(weekly) && m.equals(monthly)) {
            return;
        }
        apply(new ReportScheduleChangedEvent(d, w, m, daily, weekly, monthly, command.actor(),
                GenericEventMessage.clock.instant()));
    }

    private static ReportScheduleEntry checked(ReportScheduleEntry entry, String name) {
        if (entry == null) {
            throw new InvalidReportException("The " + name + " report's settings are required");
        }
        return new ReportScheduleEntry(entry.enabled(), entry.time().withSecond(0).withNano(0),
                ReportAddresses.check(entry.recipients()));
    }

    @EventSourcingHandler
    void on(ReportScheduleChangedEvent event) {
        id = ReportIds.SCHEDULE_ID;
        daily = event.daily();
        weekly = event.weekly();
        monthly = event.monthly();
    }
}
