package io.bulwark.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Span;
import io.bulwark.events.audit.AuditEntriesPage;
import io.bulwark.events.audit.AuditEntryView;
import io.bulwark.events.audit.EventLogPage;
import io.bulwark.events.audit.FindAuditEntriesQuery;
import io.bulwark.events.audit.FindAuditTypesQuery;
import io.bulwark.events.audit.FindEventLogQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The logs page without a browser: real client and query bus, a fake projection behind them. */
class AuditPageTest {

    private static final AuditEntryView EDITED = new AuditEntryView(7, Instant.parse("2026-11-20T08:00:00Z"),
            "RuleEdited", "Rules", "alice", "ADMINISTRATOR", "192.0.2.10", "rule \"Sales\" (r-1)", "success",
            "Edited rule \"Sales\" (r-1)", List.of(new AuditEntryView.SettingChange("mode", "SCAN", "SKIP")), "e-7");

    /** Answers the log queries and remembers them. */
    public static class FakeLogs {
        final List<FindAuditEntriesQuery> queries = new ArrayList<>();

        @QueryHandler
        public AuditEntriesPage find(FindAuditEntriesQuery query) {
            queries.add(query);
            return new AuditEntriesPage(query.offset() == 0 ? List.of(EDITED) : List.of(), 1, query.offset(),
                    query.limit());
        }

        @QueryHandler
        public List<String> types(FindAuditTypesQuery query) {
            return List.of("Login", "RuleEdited");
        }

        @QueryHandler
        public EventLogPage find(FindEventLogQuery query) {
            return new EventLogPage(List.of(), 0, query.offset(), query.limit());
        }
    }

    private final FakeLogs logs = new FakeLogs();
    private AuditClient client;
    private AuditPage page;

    @BeforeEach
    void setUp() {
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(logs).subscribe(queryBus);
        client = new AuditClient(DefaultQueryGateway.builder().queryBus(queryBus).build());
        page = new AuditPage(client);
    }

    @SuppressWarnings("unchecked")
    private <T extends Component> T byId(String id) {
        // The tab sheet shows only the selected tab's content as a child: search the audit log's view.
        return (T) descendants(page.auditLog()).filter(c -> c.getId().equals(Optional.of(id))).findFirst()
                .orElseThrow(() -> new AssertionError("no element with id " + id));
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(AuditPageTest::descendants));
    }

    @Test
    void theFiveFiltersGoIntoTheQuery() {
        page.auditLog().refresh();
        this.<DateTimePicker>byId(AuditLogView.FROM_ID).setValue(LocalDateTime.parse("2026-11-20T00:00"));
        this.<DateTimePicker>byId(AuditLogView.TO_ID).setValue(LocalDateTime.parse("2026-11-21T00:00"));
        this.<ComboBox<String>>byId(AuditLogView.TYPE_ID).setValue("RuleEdited");
        this.<com.vaadin.flow.component.textfield.TextField>byId(AuditLogView.SUBJECT_ID).setValue("alice");
        this.<com.vaadin.flow.component.radiobutton.RadioButtonGroup<String>>byId(AuditLogView.RESULT_ID).setValue("success");
        this.<com.vaadin.flow.component.textfield.TextField>byId(AuditLogView.TEXT_ID).setValue("sales");
        this.<Button>byId(AuditLogView.REFRESH_ID).click();

        FindAuditEntriesQuery query = page.auditLog().currentFilters();
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(query.types()).containsExactly("RuleEdited");
        assertThat(query.subject()).isEqualTo("alice");
        assertThat(query.result()).isEqualTo("success");
        assertThat(query.text()).isEqualTo("sales");
        assertThat(query.newestFirst()).isTrue();
        assertThat(logs.queries.getLast().types()).containsExactly("RuleEdited");
        assertThat(this.<Span>byId(AuditLogView.COUNT_ID).getText()).isEqualTo("1 entry");
    }

    @Test
    void theDownloadAnswersTheLastSearchAsCsv() throws Exception {
        assertThat(page.auditLog().csvResponse().getError()).isEqualTo(404);
        page.auditLog().refresh();
        var response = page.auditLog().csvResponse();
        assertThat(response.getFileName()).isEqualTo("audit-log.csv");
        assertThat(new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("RuleEdited");
    }

    @Test
    void subjectShowsUserRoleAndAddress() {
        assertThat(AuditLogView.subjectOf(EDITED)).isEqualTo("alice (ADMINISTRATOR) from 192.0.2.10");
    }

    @Test
    void csvHoldsTheHeaderAndTheEntries() {
        String csv = new String(client.csv(new FindAuditEntriesQuery(null, null, null, null, null, null, true, 0, 1)),
                StandardCharsets.UTF_8);
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv).startsWith("time,type,category,user,role,address,object,result,description,changes,eventId")
                .contains("mode[SCAN][SKIP]");
    }
}
