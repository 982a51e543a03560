package io.bulwark.console.report;

import static io.bulwark.console.kit.PageQueries.byId;
import static io.bulwark.console.kit.PageQueries.signIn;
import static io.bulwark.console.kit.PageQueries.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.textfield.TextField;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.report.Report;
import io.bulwark.admin.report.ReportAdministration;
import io.bulwark.admin.report.ReportCounters;
import io.bulwark.admin.report.ReportCountersProjection;
import io.bulwark.admin.report.ReportSchedule;
import io.bulwark.admin.report.ReportsProjection;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.report.ReportCreatedEvent;
import io.bulwark.events.report.ReportDeletedEvent;
import io.bulwark.events.report.ReportScheduleChangedEvent;
import io.bulwark.events.report.ReportView;
import io.bulwark.events.rule.Action;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The reports page without a browser, over the real aggregates, the counters and the reports list:
 * an administrator creates a report for yesterday and sees its numbers and chart images, deletes it
 * and saves a schedule (audited events); an auditor reads only.
 */
class ReportsPageTest {
    private static final Instant YESTERDAY = Instant.parse("2026-12-04T00:00:00Z");

    private MongoServer server;
    private MongoClient mongo;
    private Configuration axon;
    private ReportsClient client;
    private final List<Object> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        mongo = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        var db = mongo.getDatabase("reports-page");
        ReportsProjection reports = new ReportsProjection(db);
        ReportCountersProjection counters = new ReportCountersProjection(db);
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Report.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(ReportSchedule.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .eventProcessing(p -> p
                        .registerSubscribingEventProcessor(ReportsProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> reports)
                        .registerTrackingEventProcessor(ReportCountersProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> counters))
                .registerQueryHandler(c -> reports)
                .buildConfiguration();
        axon.start();
        axon.eventBus().subscribe(messages -> messages.forEach(m -> published.add(m.getPayload())));
        ReportCounters reader = new ReportCounters(db);
        client = new ReportsClient(new ReportAdministration(axon.commandGateway(), axon.queryGateway(), reader));
        for (int i = 0; i < 3; i++) {
            MessageRef ref = new MessageRef("q" + i, "m" + i, "alice@a.example", List.of("bob@corp.example"), 1500,
                    "192.0.2.1", "node-a");
            axon.eventGateway().publish(new MessageScannedEvent(ref,
                    ScanReport.of(ModuleVerdict.of(ProtectionModule.ANTI_SPAM, i == 0 ? ScanStatus.SPAM
                            : ScanStatus.NOT_SPAM)),
                    List.of(new RecipientGroupDecision("r1", "Default", ref.recipients(), Action.SKIP, Action.SKIP,
                            List.of(), false, List.of(), List.of())),
                    false, YESTERDAY.plusSeconds(3600 * (8 + i))));
        }
        await().until(() -> reader.read(YESTERDAY, YESTERDAY.plusSeconds(86400)).messages() == 3);
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        axon.shutdown();
        mongo.close();
        server.shutdownNow();
    }

    @SuppressWarnings("unchecked")
    private static Grid<ReportView> grid(Component page) {
        return byId(page, ReportsPage.GRID_ID);
    }

    @Test
    void anAdministratorCreatesAReportForYesterdaySeesItsNumbersAndChartsAndDeletesIt() {
        signIn("admin", "ADMINISTRATOR");
        ReportsPage page = new ReportsPage(client);
        ((DateTimePicker) byId(page, ReportsPage.FROM_ID)).setValue(LocalDateTime.ofInstant(YESTERDAY, ZoneOffset.UTC));
        ((DateTimePicker) byId(page, ReportsPage.TO_ID))
                .setValue(LocalDateTime.ofInstant(YESTERDAY.plusSeconds(86400), ZoneOffset.UTC));
        ((Button) byId(page, ReportsPage.CREATE_ID)).click();

        assertThat(text(page, ReportsPage.STATUS_ID)).startsWith("Created custom-");
        assertThat(grid(page).asSingleSelect().getValue()).isNotNull();
        assertThat(text(page, ReportsPage.SUMMARY_ID)).contains("Messages scanned: 3, volume 4500 bytes")
                .contains("Top senders: {alice@a.example=3}").contains("node-a 3");
        List<Image> charts = byId(page, ReportsPage.CHARTS_ID).getChildren().map(Image.class::cast).toList();
        assertThat(charts).hasSize(7);
        assertThat(charts).extracting(c -> c.getId().orElseThrow()).contains("reports-chart-hourly");
        ReportView selected = grid(page).asSingleSelect().getValue();
        var png = page.chartResponse(selected.id(), "hourly");
        assertThat(png.getContentType()).isEqualTo("image/png");
        assertThat(readAll(png)).startsWith(0x89, 'P', 'N', 'G');
        var pdf = page.pdfResponse(selected);
        assertThat(pdf.getFileName()).isEqualTo("bulwark-report-" + selected.id() + ".pdf");
        assertThat(new String(readAll(pdf), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(byId(page, ReportsPage.PDF_ID).isVisible()).isTrue();
        assertThat(published).anyMatch(ReportCreatedEvent.class::isInstance);

        ((Button) byId(page, ReportsPage.DELETE_ID)).click();
        assertThat(text(page, ReportsPage.STATUS_ID)).startsWith("Deleted custom-");
        assertThat(published).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ReportDeletedEvent.class,
                d -> assertThat(d.actor()).isEqualTo("admin")));
        assertThat(client.list()).isEmpty();
    }

    private static byte[] readAll(com.vaadin.flow.server.streams.DownloadResponse response) {
        try {
            return response.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anAdministratorSavesTheSchedule() {
        signIn("admin", "ADMINISTRATOR");
        ReportsPage page = new ReportsPage(client);
        ((Checkbox) byId(page, "reports-daily-enabled")).setValue(true);
        ((com.vaadin.flow.component.timepicker.TimePicker) byId(page, "reports-daily-time")).setValue(LocalTime.of(7, 15));
        ((TextField) byId(page, "reports-daily-recipients")).setValue("boss@corp.example, cto@corp.example");
        ((Button) byId(page, ReportsPage.SAVE_SCHEDULE_ID)).click();

        assertThat(text(page, ReportsPage.STATUS_ID)).isEqualTo("Schedule saved");
        assertThat(published).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ReportScheduleChangedEvent.class,
                c -> {
                    assertThat(c.daily().enabled()).isTrue();
                    assertThat(c.daily().time()).isEqualTo(LocalTime.of(7, 15));
                    assertThat(c.daily().recipients()).containsExactly("boss@corp.example", "cto@corp.example");
                    assertThat(c.actor()).isEqualTo("admin");
                }));
        assertThat(client.schedule().daily().enabled()).isTrue();
    }

    @Test
    void aBadPeriodIsRefusedWithTheReason() {
        signIn("admin", "ADMINISTRATOR");
        ReportsPage page = new ReportsPage(client);
        ((DateTimePicker) byId(page, ReportsPage.FROM_ID)).setValue(LocalDateTime.of(2026, 12, 5, 0, 0));
        ((DateTimePicker) byId(page, ReportsPage.TO_ID)).setValue(LocalDateTime.of(2026, 12, 4, 0, 0));
        ((Button) byId(page, ReportsPage.CREATE_ID)).click();
        assertThat(text(page, ReportsPage.STATUS_ID)).contains("start before its end");
    }

    @Test
    void anAuditorReadsButNeitherCreatesNorDeletesNorSchedules() {
        signIn("auditor", "AUDITOR");
        ReportsPage page = new ReportsPage(client);
        assertThat(byId(page, ReportsPage.CREATE_ID).getParent().orElseThrow().isVisible()).isFalse();
        assertThat(byId(page, ReportsPage.DELETE_ID).isVisible()).isFalse();
        assertThat(byId(page, ReportsPage.SAVE_SCHEDULE_ID).isVisible()).isFalse();
        assertThatThrownBy(() -> client.create(YESTERDAY, YESTERDAY.plusSeconds(86400), List.of()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> client.delete("x")).isInstanceOf(AccessDeniedException.class);
    }
}
