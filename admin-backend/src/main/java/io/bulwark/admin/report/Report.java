package io.bulwark.admin.report;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.bulwark.events.report.CreateReportCommand;
import io.bulwark.events.report.DeleteReportCommand;
import io.bulwark.events.report.RecordReportFailureCommand;
import io.bulwark.events.report.ReportCreatedEvent;
import io.bulwark.events.report.ReportDeletedEvent;
import io.bulwark.events.report.ReportFailedEvent;
import io.bulwark.events.report.ReportIds;
import io.bulwark.events.report.ReportType;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One report: its period is fixed when it is created, a failure to create or mail it is recorded,
 * and deleting it is an audited command. The aggregate is also the scheduler's lock: a scheduled
 * report's id is derived from its type and period ({@link ReportIds#scheduled}), so when two admin
 * nodes create the same due report, the second finds it created and records nothing (or, if both
 * append at once, the event store's unique stream sequence refuses the second). A deleted report
 * stays deleted: the scheduler does not bring it back.
 *
 * <p>Handlers validate, then apply; event-sourcing handlers only assign. Confined to one unit of work
 * at a time by the repository's locking.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class Report {
    @AggregateIdentifier
    private String id;
    private ReportType type;
    private Instant from;
    private Instant to;
    private boolean created;

    /** For Axon: instances are rebuilt from events. */
    protected Report() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateReportCommand command) {
        requireActorAndId(command.actor(), command.reportId());
        if (command.type() == null) {
            throw new InvalidReportException("The report type is required");
        }
        checkPeriod(command.from(), command.to());
        List<String> recipients = ReportAddresses.check(command.recipients());
        if (created) {
            if (type == command.type() && from.equals(command.from()) && to.equals(command.to())) {
                return; // already created, by this node or another: nothing to do
            }
            throw new InvalidReportException("Report " + id + " exists with another period");
        }
        apply(new ReportCreatedEvent(command.reportId(), command.type(), command.from(), command.to(),
                ReportIds.fileName(command.reportId()), recipients, command.actor(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordReportFailureCommand command) {
        requireActorAndId(command.actor(), command.reportId());
        String reason = command.reason() == null || command.reason().isBlank() ? "unknown error" : command.reason();
        apply(new ReportFailedEvent(command.reportId(), created ? type : command.type(),
                created ? from : command.from(), created ? to : command.to(), reason, command.actor(), now()));
    }

    @CommandHandler
    public void handle(DeleteReportCommand command) {
        requireActor(command.actor());
        apply(new ReportDeletedEvent(id, type, from, to, command.actor(), now()));
    }

    static void checkPeriod(Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidReportException("A report period needs a start before its end");
        }
        if (java.time.Duration.between(from, to).compareTo(ReportCounters.MAX_PERIOD) > 0) {
            throw new InvalidReportException("A report period spans at most " + ReportCounters.MAX_PERIOD.toDays()
                    + " days");
        }
    }

    private static void requireActorAndId(String actor, String reportId) {
        requireActor(actor);
        if (reportId == null || reportId.isBlank()) {
            throw new InvalidReportException("The report id is required");
        }
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidReportException("The actor is required");
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(ReportCreatedEvent event) {
        id = event.reportId();
        type = event.type();
        from = event.from();
        to = event.to();
        created = true;
    }

    @EventSourcingHandler
    void on(ReportFailedEvent event) {
        id = event.reportId();
        if (!created) {
            type = event.type();
            from = event.from();
            to = event.to();
        }
    }

    @EventSourcingHandler
    void on(ReportDeletedEvent event) {
        markDeleted();
    }
}
