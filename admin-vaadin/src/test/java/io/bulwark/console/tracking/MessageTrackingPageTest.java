package io.bulwark.console.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.bulwark.events.query.FindMessagesQuery;
import io.bulwark.events.query.MessageTrackingView;
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

/** The view without a browser: real client and Axon query bus, a fake query handler behind them. */
class MessageTrackingPageTest {

    private static final MessageTrackingView DELIVERED = new MessageTrackingView("Q1", "m1@example.org",
            "alice@example.com", List.of("bob@corp.example"), 2048, "198.51.100.7", "node-1", "DELIVERED",
            Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T08:00:02Z"), List.of(
                    new MessageTrackingView.HistoryEntry(Instant.parse("2026-11-20T08:00:00Z"), "MessageReceived",
                            "from 198.51.100.7"),
                    new MessageTrackingView.HistoryEntry(Instant.parse("2026-11-20T08:00:02Z"), "MessageDelivered",
                            "bob@corp.example via 10.0.0.5:25: 250 2.0.0 Ok: queued as 4F1X")));

    /** Answers FindMessagesQuery like the projection would, and remembers what it was asked. */
    public static class FakeTracking {
        final List<FindMessagesQuery> queries = new ArrayList<>();
        List<MessageTrackingView> rows = List.of(DELIVERED);
        boolean failing;

        @QueryHandler
        public List<MessageTrackingView> find(FindMessagesQuery query) {
            queries.add(query);
            if (failing) {
                throw new IllegalStateException("store down");
            }
            return rows;
        }
    }

    private final FakeTracking tracking = new FakeTracking();
    private MessageTrackingPage page;

    @BeforeEach
    void setUp() {
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(tracking).subscribe(queryBus);
        page = new MessageTrackingPage(new MessageTrackingClient(DefaultQueryGateway.builder().queryBus(queryBus).build()));
    }

    @SuppressWarnings("unchecked")
    private <T extends Component> T byId(String id) {
        return (T) descendants(page).filter(c -> c.getId().equals(Optional.of(id))).findFirst()
                .orElseThrow(() -> new AssertionError("no element with id " + id));
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(MessageTrackingPageTest::descendants));
    }

    private List<MessageTrackingView> gridRows() {
        Grid<MessageTrackingView> grid = byId(MessageTrackingPage.GRID_ID);
        return grid.getGenericDataView().getItems().toList();
    }

    @Test
    void refreshShowsTheMatchingMessages() {
        this.<Button>byId(MessageTrackingPage.REFRESH_ID).click();
        assertThat(gridRows()).containsExactly(DELIVERED);
        assertThat(this.<Span>byId(MessageTrackingPage.COUNT_ID).getText()).isEqualTo("1 message");
        assertThat(tracking.queries).containsExactly(
                new FindMessagesQuery(null, null, null, null, null, MessageTrackingPage.LIMIT));
    }

    @Test
    void sendsTheFiltersAsAQueryWithTimesInUtc() {
        this.<TextField>byId(MessageTrackingPage.SENDER_ID).setValue("  alice ");
        this.<TextField>byId(MessageTrackingPage.RECIPIENT_ID).setValue("corp.example");
        this.<Select<String>>byId(MessageTrackingPage.STATUS_ID).setValue("DELIVERED");
        this.<DateTimePicker>byId(MessageTrackingPage.FROM_ID).setValue(LocalDateTime.parse("2026-11-20T00:00"));
        this.<DateTimePicker>byId(MessageTrackingPage.TO_ID).setValue(LocalDateTime.parse("2026-11-21T00:00"));
        this.<Button>byId(MessageTrackingPage.REFRESH_ID).click();
        assertThat(tracking.queries).containsExactly(new FindMessagesQuery("alice", "corp.example", "DELIVERED",
                Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-21T00:00:00Z"),
                MessageTrackingPage.LIMIT));
    }

    @Test
    void sendsTheModuleRuleClientAndMessageIdFilters() {
        this.<Select<String>>byId(MessageTrackingPage.MODULE_ID).setValue("ANTI_VIRUS");
        this.<Select<String>>byId(MessageTrackingPage.MODULE_STATUS_ID).setValue("INFECTED");
        this.<TextField>byId(MessageTrackingPage.RULE_ID).setValue("Sales");
        this.<TextField>byId(MessageTrackingPage.CLIENT_ID).setValue("198.51.100.");
        this.<TextField>byId(MessageTrackingPage.MESSAGE_ID_ID).setValue("m1@");
        this.<Button>byId(MessageTrackingPage.REFRESH_ID).click();
        assertThat(tracking.queries).containsExactly(new FindMessagesQuery(null, null, null, null, null,
                MessageTrackingPage.LIMIT, "ANTI_VIRUS", "INFECTED", "Sales", "198.51.100.", "m1@"));
    }

    @Test
    void eachModulesStatusIsAColumn() {
        Grid<MessageTrackingView> grid = byId(MessageTrackingPage.GRID_ID);
        assertThat(grid.getColumnByKey("module-ANTI_VIRUS").getHeaderText()).isEqualTo("Anti-virus");
        assertThat(grid.getColumnByKey("rules")).isNotNull();
    }

    @Test
    void theSubjectIsAColumnNextToTheRecipientsAndEmptyWhereNoneWasRecorded() {
        Grid<MessageTrackingView> grid = byId(MessageTrackingPage.GRID_ID);
        List<String> keys = grid.getColumns().stream().map(Grid.Column::getKey).toList();
        assertThat(grid.getColumnByKey("subject").getHeaderText()).isEqualTo("Subject");
        assertThat(keys.indexOf("subject")).isEqualTo(keys.indexOf("recipients") + 1);
        MessageTrackingView withSubject = new MessageTrackingView(DELIVERED.queueId(), DELIVERED.messageId(),
                DELIVERED.sender(), DELIVERED.recipients(), DELIVERED.sizeBytes(), DELIVERED.clientAddress(),
                DELIVERED.nodeId(), DELIVERED.status(), DELIVERED.receivedAt(), DELIVERED.updatedAt(),
                DELIVERED.history(), "Gr\u00fc\u00dfe aus K\u00f6ln", java.util.Map.of("ANTI_VIRUS", "CLEAN"), List.of("Default"));
        assertThat(MessageTrackingPage.subject(withSubject)).isEqualTo("Gr\u00fc\u00dfe aus K\u00f6ln");
        assertThat(MessageTrackingPage.subject(DELIVERED)).isEmpty();
    }

    @Test
    void refusesARangeThatEndsBeforeItStarts() {
        this.<DateTimePicker>byId(MessageTrackingPage.FROM_ID).setValue(LocalDateTime.parse("2026-11-21T00:00"));
        this.<DateTimePicker>byId(MessageTrackingPage.TO_ID).setValue(LocalDateTime.parse("2026-11-20T00:00"));
        this.<Button>byId(MessageTrackingPage.REFRESH_ID).click();
        assertThat(tracking.queries).isEmpty();
        assertThat(this.<Span>byId(MessageTrackingPage.COUNT_ID).getText()).contains("before");
    }

    @Test
    void saysSoWhenTrackingIsUnavailable() {
        tracking.failing = true;
        this.<Button>byId(MessageTrackingPage.REFRESH_ID).click();
        assertThat(gridRows()).isEmpty();
        assertThat(this.<Span>byId(MessageTrackingPage.COUNT_ID).getText()).contains("unavailable");
    }

    @Test
    void saysWhenTheResultIsCutAtTheLimit() {
        tracking.rows = java.util.Collections.nCopies(MessageTrackingPage.LIMIT, DELIVERED);
        this.<Button>byId(MessageTrackingPage.REFRESH_ID).click();
        assertThat(this.<Span>byId(MessageTrackingPage.COUNT_ID).getText()).contains("narrow the filters");
    }

    @Test
    void theDetailsRowShowsTheHistoryWithTheNextHopsReply() {
        Component history = MessageTrackingPage.history(DELIVERED);
        assertThat(history.getId()).contains("history-Q1");
        List<String> lines = history.getChildren().map(line -> line.getChildren()
                .map(part -> ((HasText) part).getText()).reduce("", String::concat)).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("2026-11-20 08:00:00").contains("MessageReceived");
        assertThat(lines.get(1)).contains("MessageDelivered").contains("250 2.0.0 Ok: queued as 4F1X");
    }

    @Test
    void formatsSizesForPeople() {
        assertThat(MessageTrackingPage.humanSize(512)).isEqualTo("512 B");
        assertThat(MessageTrackingPage.humanSize(2048)).isEqualTo("2.0 KiB");
        assertThat(MessageTrackingPage.humanSize(5 * 1024 * 1024)).isEqualTo("5.0 MiB");
    }
}
