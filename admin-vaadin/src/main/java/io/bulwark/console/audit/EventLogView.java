package io.bulwark.console.audit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.bulwark.console.kit.FilterValues;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.events.audit.EventLogEntryView;
import io.bulwark.events.audit.EventLogPage;
import io.bulwark.events.audit.FindEventLogQuery;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The event log tab: system events with their severity (node started or stopped, module errors,
 * database updates, delivery problems, store warnings), filtered by time, severity, node and text,
 * newest first, paged like the audit log. Times are UTC.
 *
 * <p>Element ids: {@value #GRID_ID}, {@value #FROM_ID}, {@value #TO_ID}, {@value #SEVERITY_ID},
 * {@value #NODE_ID}, {@value #TEXT_ID}, {@value #REFRESH_ID}, {@value #COUNT_ID}. UI thread only.
 */
public class EventLogView extends VerticalLayout {

    public static final String GRID_ID = "event-log-grid";
    public static final String FROM_ID = "event-log-from";
    public static final String TO_ID = "event-log-to";
    public static final String SEVERITY_ID = "event-log-severity";
    public static final String NODE_ID = "event-log-node";
    public static final String TEXT_ID = "event-log-text";
    public static final String REFRESH_ID = "event-log-refresh";
    public static final String COUNT_ID = "event-log-count";
    static final String ANY = "any";


    private final AuditClient client;
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final Select<String> severity = new Select<>();
    private final TextField node = new TextField("Node");
    private final TextField text = new TextField("Description");
    private final Button refresh = new Button("Search", VaadinIcon.SEARCH.create());
    private final Span count = new Span();
    private final Grid<EventLogEntryView> grid = new Grid<>(EventLogEntryView.class, false);

    public EventLogView(AuditClient client) {
        this.client = client;
        setSizeFull();
        setPadding(false);
        add(filters(), count, grid);
        configureGrid();
        expand(grid);
    }

    private Component filters() {
        from.setId(FROM_ID);
        to.setId(TO_ID);
        severity.setId(SEVERITY_ID);
        severity.setLabel("Severity");
        severity.setItems(ANY, EventLogEntryView.ERROR, EventLogEntryView.WARNING, EventLogEntryView.INFO);
        severity.setValue(ANY);
        node.setId(NODE_ID);
        node.setClearButtonVisible(true);
        text.setId(TEXT_ID);
        text.setClearButtonVisible(true);
        text.setPlaceholder("words in the description");
        refresh.setId(REFRESH_ID);
        refresh.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refresh.addClickListener(click -> refresh());
        count.setId(COUNT_ID);
        HorizontalLayout row = new HorizontalLayout(from, to, severity, node, text, refresh);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        return row;
    }

    private void configureGrid() {
        grid.setId(GRID_ID);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(entry -> FilterValues.format(entry.at())).setKey("at").setHeader("Time (UTC)").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(EventLogEntryView::severity).setKey("severity").setHeader("Severity").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(EventLogEntryView::type).setKey("type").setHeader("Event").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(EventLogEntryView::node).setKey("node").setHeader("Node").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(EventLogEntryView::source).setKey("source").setHeader("Source").setAutoWidth(true);
        grid.addColumn(EventLogEntryView::description).setKey("description").setHeader("Description").setFlexGrow(3);
    }

    /** Reads the filters and shows the first page; the grid fetches further pages as it scrolls. */
    void refresh() {
        LocalDateTime fromValue = from.getValue();
        LocalDateTime toValue = to.getValue();
        if (!FilterValues.isRange(fromValue, toValue)) {
            StatusLine.error(count, "'From' must be before 'To'.");
            return;
        }
        FindEventLogQuery filters = new FindEventLogQuery(FilterValues.utc(fromValue), FilterValues.utc(toValue),
                ANY.equals(severity.getValue()) ? List.of() : List.of(severity.getValue()), List.of(),
                FilterValues.blankToNull(node.getValue()), FilterValues.blankToNull(text.getValue()), true, 0, 1);
        EventLogPage first;
        try {
            first = client.find(filters);
        } catch (AuditClient.AuditUnavailableException e) {
            StatusLine.error(count, "The event log is unavailable right now; try again.");
            return;
        }
        long total = first.total();
        grid.setItems(query -> client.find(new FindEventLogQuery(filters.from(), filters.to(), filters.severities(),
                        filters.types(), filters.node(), filters.text(), true, query.getOffset(), query.getLimit()))
                        .entries().stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, total));
        count.getStyle().remove("color");
        count.setText(total + (total == 1 ? " event" : " events"));
    }


}
