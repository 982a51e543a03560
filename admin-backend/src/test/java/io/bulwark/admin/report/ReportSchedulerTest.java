package io.bulwark.admin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.report.ChangeReportScheduleCommand;
import io.bulwark.events.report.DeleteReportCommand;
import io.bulwark.events.report.ReportCreatedEvent;
import io.bulwark.events.report.ReportScheduleEntry;
import io.bulwark.events.report.ReportType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler over the real aggregates and the reports list: a due daily report is created once,
 * even when a second admin node's scheduler runs too, and a deleted one is not brought back.
 */
class ReportSchedulerTest {
    private static final Instant DUE = Instant.parse("2026-12-05T06:30:00Z");

    private ProjectionReplay store;
    private Configuration axon;
    private final List<Object> published = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        store = new ProjectionReplay("scheduler", db -> Map.of());
        ReportsProjection projection = new ReportsProjection(store.database());
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Report.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(ReportSchedule.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .eventProcessing(p -> p.registerSubscribingEventProcessor(ReportsProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> projection))
                .registerQueryHandler(c -> projection)
                .buildConfiguration();
        axon.start();
        axon.eventBus().subscribe(messages -> messages.forEach(m -> published.add(m.getPayload())));
        axon.commandGateway().sendAndWait(new ChangeReportScheduleCommand(
                new ReportScheduleEntry(true, LocalTime.of(6, 0), List.of("boss@corp.example")),
                ReportScheduleEntry.off(), new ReportScheduleEntry(true, LocalTime.of(6, 0), List.of()), "admin"));
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
        store.close();
    }

    private ReportScheduler node(Instant now) {
        return new ReportScheduler(axon.commandGateway(), axon.queryGateway(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private List<ReportCreatedEvent> created() {
        return published.stream().filter(ReportCreatedEvent.class::isInstance).map(ReportCreatedEvent.class::cast).toList();
    }

    @Test
    void aDueReportIsCreatedOnceAcrossTwoAdminNodes() {
        node(DUE).runDue();
        node(DUE).runDue();
        node(DUE.plusSeconds(60)).runDue();

        assertThat(created()).extracting(ReportCreatedEvent::reportId)
                .containsExactlyInAnyOrder("daily-2026-12-04", "monthly-2026-11-01");
        ReportCreatedEvent daily = created().stream().filter(e -> e.type() == ReportType.DAILY).findFirst()
                .orElseThrow();
        assertThat(daily.from()).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(daily.to()).isEqualTo(Instant.parse("2026-12-05T00:00:00Z"));
        assertThat(daily.recipients()).containsExactly("boss@corp.example");
        assertThat(daily.actor()).isEqualTo("system");
    }

    @Test
    void beforeTheGenerationTimeThePreviousPeriodIsTheDueOne() {
        node(Instant.parse("2026-12-05T05:59:00Z")).runDue();
        assertThat(created()).extracting(ReportCreatedEvent::reportId)
                .containsExactlyInAnyOrder("daily-2026-12-03", "monthly-2026-11-01");
    }

    @Test
    void aDeletedScheduledReportIsNotCreatedAgain() {
        node(DUE).runDue();
        axon.commandGateway().sendAndWait(new DeleteReportCommand("daily-2026-12-04", "admin"));
        node(DUE).runDue();
        assertThat(created()).hasSize(2);
        await().until(() -> axon.queryGateway().query(new io.bulwark.events.report.FindReportsQuery(),
                org.axonframework.messaging.responsetypes.ResponseTypes.multipleInstancesOf(
                        io.bulwark.events.report.ReportView.class)).join().size() == 1);
    }
}
