package io.bulwark.admin.report;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.report.CreateReportCommand;
import io.bulwark.events.report.DeleteReportCommand;
import io.bulwark.events.report.RecordReportFailureCommand;
import io.bulwark.events.report.ReportCreatedEvent;
import io.bulwark.events.report.ReportDeletedEvent;
import io.bulwark.events.report.ReportFailedEvent;
import io.bulwark.events.report.ReportType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given-when-then for every report command, refusals included. */
class ReportTest {
    private static final Instant FROM = Instant.parse("2026-12-04T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-05T00:00:00Z");
    private static final String ID = "daily-2026-12-04";

    private AggregateTestFixture<Report> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Report.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    private static ReportCreatedEvent created(Instant at) {
        return new ReportCreatedEvent(ID, ReportType.DAILY, FROM, TO, "bulwark-report-" + ID + ".pdf",
                List.of("boss@corp.example"), "system", at);
    }

    @Test
    void aReportIsCreatedWithItsPeriodFileNameAndRecipients() {
        fixture.givenNoPriorActivity()
                .when(new CreateReportCommand(ID, ReportType.DAILY, FROM, TO, List.of(" boss@corp.example ", ""),
                        "system"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(fixture.currentTime()));
    }

    @Test
    void creatingTheSameDueReportAgainRecordsNothing() {
        fixture.given(created(FROM))
                .when(new CreateReportCommand(ID, ReportType.DAILY, FROM, TO, List.of(), "system"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anExistingIdWithAnotherPeriodIsRefused() {
        fixture.given(created(FROM))
                .when(new CreateReportCommand(ID, ReportType.DAILY, FROM, TO.plusSeconds(3600), List.of(), "system"))
                .expectException(InvalidReportException.class);
    }

    @Test
    void aPeriodEndingBeforeItStartsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateReportCommand("c1", ReportType.CUSTOM, TO, FROM, List.of(), "admin"))
                .expectException(InvalidReportException.class).expectNoEvents();
    }

    @Test
    void aPeriodLongerThan400DaysIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateReportCommand("c2", ReportType.CUSTOM, FROM, FROM.plus(Duration.ofDays(401)), List.of(),
                        "admin"))
                .expectException(InvalidReportException.class).expectNoEvents();
    }

    @Test
    void aRecipientThatIsNotAnAddressIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateReportCommand("c1", ReportType.CUSTOM, FROM, TO, List.of("boss at corp"), "admin"))
                .expectException(InvalidReportException.class)
                .expectExceptionMessage("Not a mail address: boss at corp");
    }

    @Test
    void theActorIsRequired() {
        fixture.givenNoPriorActivity()
                .when(new CreateReportCommand("c1", ReportType.CUSTOM, FROM, TO, List.of(), " "))
                .expectException(InvalidReportException.class);
    }

    @Test
    void aFailureIsRecordedForACreatedReportWithItsPeriod() {
        fixture.given(created(FROM))
                .when(new RecordReportFailureCommand(ID, null, null, null, "SMTP 451", "system"))
                .expectEvents(new ReportFailedEvent(ID, ReportType.DAILY, FROM, TO, "SMTP 451", "system",
                        fixture.currentTime()));
    }

    @Test
    void aFailureToCreateIsRecordedForAReportThatDoesNotExistYet() {
        fixture.givenNoPriorActivity()
                .when(new RecordReportFailureCommand("weekly-2026-11-30", ReportType.WEEKLY, FROM, TO, "", "system"))
                .expectEvents(new ReportFailedEvent("weekly-2026-11-30", ReportType.WEEKLY, FROM, TO, "unknown error",
                        "system", fixture.currentTime()));
    }

    @Test
    void deletingIsAnAuditedCommand() {
        fixture.given(created(FROM))
                .when(new DeleteReportCommand(ID, "admin"))
                .expectEvents(new ReportDeletedEvent(ID, ReportType.DAILY, FROM, TO, "admin", fixture.currentTime()));
    }

    @Test
    void aDeletedReportIsNotCreatedAgain() {
        fixture.given(created(FROM), new ReportDeletedEvent(ID, ReportType.DAILY, FROM, TO, "admin", FROM))
                .when(new CreateReportCommand(ID, ReportType.DAILY, FROM, TO, List.of(), "system"))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void deletingAnUnknownReportIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new DeleteReportCommand("nope", "admin"))
                .expectException(AggregateNotFoundException.class);
    }
}
