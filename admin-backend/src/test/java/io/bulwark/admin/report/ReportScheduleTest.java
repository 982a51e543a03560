package io.bulwark.admin.report;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.report.ChangeReportScheduleCommand;
import io.bulwark.events.report.ReportScheduleChangedEvent;
import io.bulwark.events.report.ReportScheduleEntry;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given-when-then for the schedule: a change with old and new, no-op changes and refusals. */
class ReportScheduleTest {
    private static final ReportScheduleEntry OFF = ReportScheduleEntry.off();
    private static final ReportScheduleEntry DAILY =
            new ReportScheduleEntry(true, LocalTime.of(7, 30), List.of("boss@corp.example"));

    private AggregateTestFixture<ReportSchedule> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReportSchedule.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    @Test
    void theFirstChangeRecordsTheFactorySettingAsPrevious() {
        fixture.givenNoPriorActivity()
                .when(new ChangeReportScheduleCommand(DAILY, OFF, OFF, "admin"))
                .expectEvents(new ReportScheduleChangedEvent(DAILY, OFF, OFF, OFF, OFF, OFF, "admin",
                        fixture.currentTime()));
    }

    @Test
    void aChangeToTheValuesInForceRecordsNothing() {
        fixture.given(new ReportScheduleChangedEvent(DAILY, OFF, OFF, OFF, OFF, OFF, "admin", Instant.EPOCH))
                .when(new ChangeReportScheduleCommand(DAILY, OFF, OFF, "other"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aLaterChangeCarriesTheValuesBefore() {
        ReportScheduleEntry monthly = new ReportScheduleEntry(true, LocalTime.of(5, 0), List.of());
        fixture.given(new ReportScheduleChangedEvent(DAILY, OFF, OFF, OFF, OFF, OFF, "admin", Instant.EPOCH))
                .when(new ChangeReportScheduleCommand(OFF, OFF, monthly, "admin"))
                .expectEvents(new ReportScheduleChangedEvent(OFF, OFF, monthly, DAILY, OFF, OFF, "admin",
                        fixture.currentTime()));
    }

    @Test
    void aBadRecipientIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeReportScheduleCommand(new ReportScheduleEntry(true, null, List.of("nobody")), OFF, OFF,
                        "admin"))
                .expectException(InvalidReportException.class);
    }

    @Test
    void aMissingEntryIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeReportScheduleCommand(DAILY, null, OFF, "admin"))
                .expectException(InvalidReportException.class);
    }

    @Test
    void theActorIsRequired() {
        fixture.givenNoPriorActivity()
                .when(new ChangeReportScheduleCommand(DAILY, OFF, OFF, ""))
                .expectException(InvalidReportException.class);
    }
}
