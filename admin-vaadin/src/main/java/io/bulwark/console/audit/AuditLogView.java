package io.bulwark.console.audit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.component.html.AttachmentType;
import io.bulwark.console.kit.FilterValues;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.events.audit.AuditEntriesPage;
import io.bulwark.events.audit.AuditEntryView;
import io.bulwark.events.audit.FindAuditEntriesQuery;
import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The audit log tab: the five filters (time range, event type, subject, result, text in the
 * description), newest or oldest first, a grid that pages through the projection (only the rows
 * on screen are fetched, so a million entries scroll as fast as a hundred), and a CSV download of
 * everything the filters match. Times are UTC.
 *
 * <p>Element ids: {@value #GRID_ID}, {@value #FROM_ID}, {@value #TO_ID}, {@value #TYPE_ID},
 * {@value #SUBJECT_ID}, {@value #RESULT_ID}, {@value #TEXT_ID}, {@value #ORDER_ID},
 * {@value #REFRESH_ID}, {@value #COUNT_ID}, {@value #CSV_ID}. UI thread only.
 */
public class AuditLogView extends VerticalLayout {

    public static final String GRID_ID = "audit-grid";
    public static final String FROM_ID = "audit-from";
    public static final String TO_ID = "audit-to";
    public static final String TYPE_ID = "audit-type";
    public static final String SUBJECT_ID = "audit-subject";
    public static final String RESULT_ID = "audit-result";
    public static final String TEXT_ID = "audit-text";
    public static final String ORDER_ID = "audit-order";
    public static final String REFRESH_ID = "audit-refresh";
    public static final String COUNT_ID = "audit-count";
    public static final String CSV_ID = "audit-csv";
    static final String ANY = "any";
    static final String NEWEST = "Newest first";
    static final String OLDEST = "Oldest first";


    private final AuditClient client;
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final ComboBox<String> type = new ComboBox<>("Event type");
    private final TextField subject = new TextField("Subject");
    private final RadioButtonGroup<String> result = new RadioButtonGroup<>("Result");
    private final TextField text = new TextField("Description");
    private final Select<String> order = new Select<>();
    private final Button refresh = new Button("Search", VaadinIcon.SEARCH.create());
    private final Span count = new Span();
    private final Anchor csv = new Anchor();
    private final Grid<AuditEntryView> grid = new Grid<>(AuditEntryView.class, false);
    /** The last search's filters; volatile for the CSV download, which runs in its own request. */
    private volatile FindAuditEntriesQuery filters;

    public AuditLogView(AuditClient client) {
        this.client = client;
        setSizeFull();
        setPadding(false);
        add(filters(), new HorizontalLayout(count, csv), grid);
        configureGrid();
        expand(grid);
    }

    private Component filters() {
        from.setId(FROM_ID);
        to.setId(TO_ID);
        type.setId(TYPE_ID);
        type.setClearButtonVisible(true);
        type.setPlaceholder("Any");
        subject.setId(SUBJECT_ID);
        subject.setClearButtonVisible(true);
        subject.setPlaceholder("user, role or address");
        result.setId(RESULT_ID);
        result.setItems(ANY, AuditEntryView.SUCCESS, AuditEntryView.FAILURE);
        result.setValue(ANY);
        text.setId(TEXT_ID);
        text.setClearButtonVisible(true);
        text.setPlaceholder("words in the description");
        order.setId(ORDER_ID);
        order.setLabel("Order");
        order.setItems(NEWEST, OLDEST);
        order.setValue(NEWEST);
        refresh.setId(REFRESH_ID);
        refresh.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refresh.addClickListener(click -> refresh());
        refresh.addClickShortcut(Key.ENTER);
        count.setId(COUNT_ID);
        csv.setId(CSV_ID);
        csv.setText("Export CSV");
        HorizontalLayout row = new HorizontalLayout(from, to, type, subject, result, text, order, refresh);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        return row;
    }

    private void configureGrid() {
        grid.setId(GRID_ID);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(entry -> FilterValues.format(entry.at())).setKey("at").setHeader("Time (UTC)").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(AuditEntryView::type).setKey("type").setHeader("Event type").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditLogView::subjectOf).setKey("subject").setHeader("Subject").setAutoWidth(true);
        grid.addColumn(AuditEntryView::object).setKey("object").setHeader("Object");
        grid.addColumn(AuditEntryView::result).setKey("result").setHeader("Result").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntryView::description).setKey("description").setHeader("Description").setFlexGrow(2);
        grid.addColumn(entry -> entry.changes().stream().map(Object::toString).collect(Collectors.joining("; ")))
                .setKey("changes").setHeader("Changed settings").setFlexGrow(2);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        // One handler for the tab. It runs in the download request, outside the UI's lock, so it reads
        // only the volatile filters of the last search, never the view's components.
        csv.setHref(DownloadHandler.fromInputStream(event -> csvResponse()), AttachmentType.DOWNLOAD);
    }

    /** Everything the last search matches, as CSV. */
    DownloadResponse csvResponse() {
        FindAuditEntriesQuery current = filters;
        if (current == null) {
            return DownloadResponse.error(404, "Search first");
        }
        try {
            byte[] bytes = client.csv(current);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "audit-log.csv", "text/csv", bytes.length);
        } catch (AuditClient.AuditUnavailableException e) {
            return DownloadResponse.error(503, "The audit log is unavailable right now");
        }
    }

    /** "alice (ADMINISTRATOR) from 192.0.2.10". */
    static String subjectOf(AuditEntryView entry) {
        StringBuilder subject = new StringBuilder(entry.user() == null ? "(unknown)" : entry.user());
        if (entry.role() != null) {
            subject.append(" (").append(entry.role()).append(')');
        }
        if (entry.address() != null) {
            subject.append(" from ").append(entry.address());
        }
        return subject.toString();
    }

    /** Reads the filters and shows the first page; the grid fetches further pages as it scrolls. */
    void refresh() {
        if (type.getValue() == null && type.getListDataView().getItemCount() == 0) {
            try {
                type.setItems(client.types());
            } catch (AuditClient.AuditUnavailableException e) {
                StatusLine.error(count, "The audit log is unavailable right now; try again.");
                return;
            }
        }
        LocalDateTime fromValue = from.getValue();
        LocalDateTime toValue = to.getValue();
        if (!FilterValues.isRange(fromValue, toValue)) {
            StatusLine.error(count, "'From' must be before 'To'.");
            return;
        }
        filters = new FindAuditEntriesQuery(FilterValues.utc(fromValue), FilterValues.utc(toValue),
                type.getValue() == null ? List.of() : List.of(type.getValue()), FilterValues.blankToNull(subject.getValue()),
                ANY.equals(result.getValue()) ? null : result.getValue(), FilterValues.blankToNull(text.getValue()),
                !OLDEST.equals(order.getValue()), 0, 1);
        AuditEntriesPage first;
        try {
            first = client.find(filters);
        } catch (AuditClient.AuditUnavailableException e) {
            StatusLine.error(count, "The audit log is unavailable right now; try again.");
            return;
        }
        long total = first.total();
        FindAuditEntriesQuery current = filters;
        grid.setItems(query -> client.find(new FindAuditEntriesQuery(current.from(), current.to(), current.types(),
                        current.subject(), current.result(), current.text(), current.newestFirst(), query.getOffset(),
                        query.getLimit())).entries().stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, total));
        count.getStyle().remove("color");
        count.setText(total + (total == 1 ? " entry" : " entries"));
    }

    /** The filters of the last search. */
    FindAuditEntriesQuery currentFilters() {
        return filters;
    }


}
