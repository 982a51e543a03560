package io.bulwark.console.tracking;

import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.Nav;
import io.bulwark.console.antispam.TrainingBar;
import io.bulwark.console.antispam.TrainingClient;
import org.springframework.beans.factory.annotation.Autowired;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.console.kit.FilterValues;
import io.bulwark.admin.tracking.TrackingStatus;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.query.FindMessagesQuery;
import io.bulwark.events.query.MessageTrackingView;
import jakarta.annotation.security.RolesAllowed;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Message tracking: a filterable list of messages with their status, and each message's history in
 * a details row that opens when the row is clicked. All roles may use it. Reads only through
 * {@link MessageTrackingClient}. Times are shown and entered in UTC, the time of the gateway's logs.
 *
 * <p>Element ids for browser tests: {@value #GRID_ID}, {@value #SENDER_ID}, {@value #RECIPIENT_ID},
 * {@value #STATUS_ID}, {@value #FROM_ID}, {@value #TO_ID}, {@value #MODULE_ID}, {@value #MODULE_STATUS_ID},
 * {@value #RULE_ID}, {@value #CLIENT_ID}, {@value #MESSAGE_ID_ID}, {@value #REFRESH_ID}, {@value #COUNT_ID};
 * a details row is {@code history-<queueId>}. Each protection module's status is a column of its own;
 * the subject (column {@code subject}) is the one the gateway recorded in the scan event.
 *
 * <p>One instance per browser tab; used on the UI thread only.
 */
@Nav(section = Nav.Section.MONITORING, title = "Message tracking", icon = VaadinIcon.ENVELOPE, order = 20)
@Route(value = MessageTrackingPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Message tracking")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class MessageTrackingPage extends VerticalLayout {

    /** Route of the view (the console's start page is the dashboard since issue 16). */
    public static final String ROUTE = "messages";
    public static final String GRID_ID = "message-grid";
    public static final String SENDER_ID = "filter-sender";
    public static final String RECIPIENT_ID = "filter-recipient";
    public static final String STATUS_ID = "filter-status";
    public static final String FROM_ID = "filter-from";
    public static final String TO_ID = "filter-to";
    public static final String REFRESH_ID = "refresh";
    public static final String MODULE_ID = "filter-module";
    public static final String MODULE_STATUS_ID = "filter-module-status";
    public static final String RULE_ID = "filter-rule";
    public static final String CLIENT_ID = "filter-client";
    public static final String MESSAGE_ID_ID = "filter-message-id";
    public static final String COUNT_ID = "result-count";
    /** Rows fetched per search; the projection caps queries at 1000. */
    static final int LIMIT = 500;


    private final MessageTrackingClient client;
    private final TextField sender = new TextField("Sender");
    private final TextField recipient = new TextField("Recipient");
    private final Select<String> status = new Select<>();
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final Select<String> module = new Select<>();
    private final Select<String> moduleStatus = new Select<>();
    private final TextField rule = new TextField("Rule");
    private final TextField clientAddress = new TextField("Client IP");
    private final TextField messageId = new TextField("Message-ID");
    private final Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create());
    private final Span count = new Span();
    private final Grid<MessageTrackingView> grid = new Grid<>(MessageTrackingView.class, false);

    public MessageTrackingPage(MessageTrackingClient client) {
        this(client, null);
    }

    /**
     * With the training buttons (shown to users who may train) when {@code training} is given; a
     * tracked message is trained from its Backup copy.
     */
    @Autowired
    public MessageTrackingPage(MessageTrackingClient client, TrainingClient training) {
        this.client = client;
        setSizeFull();
        add(filters(), count);
        if (training != null) {
            add(new TrainingBar(training, () -> grid.getSelectedItems().stream().findFirst()
                    .map(row -> TrainingBar.Target.queued(row.queueId()))));
        }
        add(grid);
        configureGrid();
        expand(grid);
    }

    private Component filters() {
        sender.setId(SENDER_ID);
        sender.setClearButtonVisible(true);
        sender.setPlaceholder("part of the address");
        recipient.setId(RECIPIENT_ID);
        recipient.setClearButtonVisible(true);
        recipient.setPlaceholder("part of the address");
        status.setId(STATUS_ID);
        status.setLabel("Status");
        status.setItems(Arrays.stream(TrackingStatus.values()).map(Enum::name).toList());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any");
        from.setId(FROM_ID);
        to.setId(TO_ID);
        module.setId(MODULE_ID);
        module.setLabel("Module");
        module.setItems(Arrays.stream(ProtectionModule.values()).map(Enum::name).toList());
        module.setEmptySelectionAllowed(true);
        module.setEmptySelectionCaption("Any");
        moduleStatus.setId(MODULE_STATUS_ID);
        moduleStatus.setLabel("Module status");
        moduleStatus.setItems(Arrays.stream(ScanStatus.values()).map(Enum::name).toList());
        moduleStatus.setEmptySelectionAllowed(true);
        moduleStatus.setEmptySelectionCaption("Any");
        for (TextField field : List.of(rule, clientAddress, messageId)) {
            field.setClearButtonVisible(true);
            field.setPlaceholder("part of it");
        }
        rule.setId(RULE_ID);
        clientAddress.setId(CLIENT_ID);
        messageId.setId(MESSAGE_ID_ID);
        refresh.setId(REFRESH_ID);
        refresh.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refresh.addClickListener(click -> refresh());
        refresh.addClickShortcut(Key.ENTER);
        count.setId(COUNT_ID);
        HorizontalLayout filters = new HorizontalLayout(sender, recipient, status, from, to, module, moduleStatus, rule,
                clientAddress, messageId, refresh);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        return filters;
    }

    private void configureGrid() {
        grid.setId(GRID_ID);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(row -> format(row.receivedAt())).setKey("receivedAt").setHeader("Received (UTC)")
                .setComparator(MessageTrackingView::receivedAt).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(MessageTrackingView::sender).setKey("sender").setHeader("Sender").setSortable(true);
        grid.addColumn(row -> String.join(", ", row.recipients())).setKey("recipients").setHeader("Recipients");
        grid.addColumn(MessageTrackingPage::subject).setKey("subject").setHeader("Subject").setSortable(true)
                .setTooltipGenerator(MessageTrackingPage::subject);
        grid.addColumn(MessageTrackingView::status).setKey("status").setHeader("Status").setSortable(true)
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(row -> humanSize(row.sizeBytes())).setKey("size").setHeader("Size")
                .setComparator(MessageTrackingView::sizeBytes).setTextAlign(ColumnTextAlign.END).setAutoWidth(true)
                .setFlexGrow(0);
        for (ProtectionModule each : ProtectionModule.values()) {
            grid.addColumn(row -> row.moduleStatuses().getOrDefault(each.name(), "")).setKey("module-" + each.name())
                    .setHeader(moduleHeader(each)).setSortable(true).setAutoWidth(true).setFlexGrow(0);
        }
        grid.addColumn(row -> String.join(", ", row.rules())).setKey("rules").setHeader("Rules").setAutoWidth(true);
        grid.addColumn(MessageTrackingView::clientAddress).setKey("clientAddress").setHeader("Client IP")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(MessageTrackingView::messageId).setKey("messageId").setHeader("Message-ID");
        grid.addColumn(MessageTrackingView::nodeId).setKey("node").setHeader("Node").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(MessageTrackingView::queueId).setKey("queueId").setHeader("Queue ID").setAutoWidth(true)
                .setFlexGrow(0);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(MessageTrackingPage::history));
        grid.setDetailsVisibleOnClick(true);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    /** Runs the search with the current filters and shows the result. */
    void refresh() {
        LocalDateTime fromValue = from.getValue();
        LocalDateTime toValue = to.getValue();
        if (!FilterValues.isRange(fromValue, toValue)) {
            notifyError("'From' must be before 'To'.");
            return;
        }
        FindMessagesQuery query = new FindMessagesQuery(FilterValues.blankToNull(sender.getValue()),
                FilterValues.blankToNull(recipient.getValue()), status.getValue(), FilterValues.utc(fromValue), FilterValues.utc(toValue), LIMIT,
                module.getValue(), moduleStatus.getValue(), FilterValues.blankToNull(rule.getValue()),
                FilterValues.blankToNull(clientAddress.getValue()), FilterValues.blankToNull(messageId.getValue()));
        List<MessageTrackingView> rows;
        try {
            rows = client.find(query);
        } catch (MessageTrackingClient.MessageTrackingUnavailableException e) {
            notifyError("Message tracking is unavailable right now; try again.");
            return;
        }
        grid.setItems(rows);
        count.setText(rows.size() >= LIMIT ? "Showing the newest " + LIMIT + " messages: narrow the filters to see others"
                : rows.size() + (rows.size() == 1 ? " message" : " messages"));
    }

    /** The details row of a message: its history, one line per event. */
    static Component history(MessageTrackingView row) {
        Div history = new Div();
        history.setId("history-" + row.queueId());
        history.addClassName("message-history");
        for (MessageTrackingView.HistoryEntry entry : row.history()) {
            Div line = new Div(new Span(format(entry.at()) + "  "), strong(entry.event()),
                    new Span("  " + (entry.detail() == null ? "" : entry.detail())));
            line.addClassName("history-entry");
            history.add(line);
        }
        return history;
    }

    private static Span strong(String text) {
        Span span = new Span(text);
        span.getStyle().set("font-weight", "600");
        return span;
    }

    private void notifyError(String text) {
        if (getUI().isPresent()) {
            Notification.show(text, 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        count.setText(text);
    }

    /** The subject as recorded, empty when none was (no Subject header, or a scan from before revision 3). */
    static String subject(MessageTrackingView row) {
        return row.subject() == null ? "" : row.subject();
    }

    /** "Anti-virus" for ANTI_VIRUS: a short column header per module. */
    static String moduleHeader(ProtectionModule module) {
        String words = module.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String format(Instant instant) {
        return FilterValues.format(instant);
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }


}
