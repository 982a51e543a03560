package io.bulwark.console.queue;

import io.bulwark.console.kit.Dialogs;
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
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.admin.queue.InvalidQueueCommandException;
import io.bulwark.admin.queue.QueueAdministration;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.message.QueueName;
import io.bulwark.events.queue.FindQueuedMessagesQuery;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.QueueAction;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.queue.QueuedMessageView;
import io.bulwark.events.queue.TrafficDirection;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;

/**
 * The message queue (reference D.1): every message the gateway nodes still hold, filtered and
 * sorted, with the counts per queue and node; actions on the selected messages (force delivery,
 * hold, release, delete) or on all of them (per node or cluster-wide); and the nodes with their
 * receiving / sending switches. Actions are requests: each node performs them on what it holds,
 * and Refresh shows the result. Destructive actions ask for confirmation. Buttons a role may not use
 * are hidden; {@link QueueClient} refuses them on the server as well.
 *
 * <p>Element ids for browser tests: see the constants. One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.MAIL, title = "Message queue", icon = VaadinIcon.TIME_FORWARD, order = 10)
@Route(value = QueuePage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Message queue")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class QueuePage extends VerticalLayout {
    public static final String ROUTE = "queue";
    public static final String GRID_ID = "queue-grid";
    public static final String QUEUE_ID = "queue-filter-queue";
    public static final String NODE_ID = "queue-filter-node";
    public static final String MESSAGE_ID_ID = "queue-filter-message-id";
    public static final String SENDER_ID = "queue-filter-sender";
    public static final String RECIPIENT_ID = "queue-filter-recipient";
    public static final String FROM_ID = "queue-filter-from";
    public static final String TO_ID = "queue-filter-to";
    public static final String SORT_ID = "queue-sort";
    public static final String REFRESH_ID = "queue-refresh";
    public static final String COUNTS_ID = "queue-counts";
    public static final String STATUS_ID = "queue-status";
    public static final String FORCE_ID = "queue-force";
    public static final String HOLD_ID = "queue-hold";
    public static final String RELEASE_ID = "queue-release";
    public static final String DELETE_ID = "queue-delete";
    public static final String SCOPE_ID = "queue-scope";
    public static final String FORCE_ALL_ID = "queue-force-all";
    public static final String DELETE_ALL_ID = "queue-delete-all";
    public static final String CONFIRM_ID = "queue-confirm";
    public static final String NODES_GRID_ID = "nodes-grid";
    public static final String NODE_TARGET_ID = "node-target";
    public static final String RECEIVING_STOP_ID = "node-receiving-stop";
    public static final String RECEIVING_START_ID = "node-receiving-start";
    public static final String SENDING_STOP_ID = "node-sending-stop";
    public static final String SENDING_START_ID = "node-sending-start";
    /** Rows fetched per search. */
    static final int LIMIT = 500;
    /** The scope choice that means every node. */
    static final String ALL_NODES = "All nodes";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final QueueClient client;
    private final Select<String> queue = new Select<>();
    private final TextField node = new TextField("Node");
    private final TextField messageId = new TextField("Message-ID");
    private final TextField sender = new TextField("Sender");
    private final TextField recipient = new TextField("Recipient");
    private final DateTimePicker from = new DateTimePicker("Arrived from (UTC)");
    private final DateTimePicker to = new DateTimePicker("Arrived before (UTC)");
    private final Select<String> sort = new Select<>();
    private final Span counts = new Span();
    private final Span status = new Span();
    private final Grid<QueuedMessageView> grid = new Grid<>(QueuedMessageView.class, false);
    private final Select<String> scope = new Select<>();
    private final Select<String> nodeTarget = new Select<>();
    private final Grid<NodeStatusView> nodes = new Grid<>(NodeStatusView.class, false);

    public QueuePage(QueueClient client) {
        this(client, null);
    }

    /**
     * With the training buttons (shown to users who may train) when {@code training} is given; a
     * queued message is trained from its Backup copy (the spool is the gateway node's own disk), one
     * selected message at a time.
     */
    @Autowired
    public QueuePage(QueueClient client, TrainingClient training) {
        this.client = client;
        setSizeFull();
        counts.setId(COUNTS_ID);
        status.setId(STATUS_ID);
        add(filters(), counts, actions());
        if (training != null) {
            add(new TrainingBar(training, () -> grid.getSelectedItems().size() == 1
                    ? grid.getSelectedItems().stream().findFirst().map(m -> TrainingBar.Target.queued(m.queueId()))
                    : java.util.Optional.empty()));
        }
        add(grid, status, new H3("Nodes"), nodeControls(), nodes);
        configureGrid();
        configureNodes();
        expand(grid);
    }

    private Component filters() {
        queue.setId(QUEUE_ID);
        queue.setLabel("Queue");
        queue.setItems(Arrays.stream(QueueName.values()).map(Enum::name).toList());
        queue.setEmptySelectionAllowed(true);
        queue.setEmptySelectionCaption("Any");
        node.setId(NODE_ID);
        messageId.setId(MESSAGE_ID_ID);
        sender.setId(SENDER_ID);
        recipient.setId(RECIPIENT_ID);
        for (TextField field : List.of(node, messageId, sender, recipient)) {
            field.setClearButtonVisible(true);
        }
        from.setId(FROM_ID);
        to.setId(TO_ID);
        sort.setId(SORT_ID);
        sort.setLabel("Sort");
        sort.setItems(FindQueuedMessagesQuery.SORT_KEYS.stream()
                .flatMap(key -> java.util.stream.Stream.of(key, "-" + key)).toList());
        sort.setItemLabelGenerator(key -> key.startsWith("-") ? key.substring(1) + " (descending)" : key);
        sort.setValue("arrivedAt");
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), click -> refresh());
        refresh.setId(REFRESH_ID);
        refresh.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refresh.addClickShortcut(Key.ENTER);
        HorizontalLayout filters = new HorizontalLayout(queue, node, messageId, sender, recipient, from, to, sort,
                refresh);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        return filters;
    }

    private Component actions() {
        Button force = button(FORCE_ID, "Send", VaadinIcon.PAPERPLANE, () -> onSelected(QueueAction.FORCE_DELIVERY));
        Button hold = button(HOLD_ID, "Hold", VaadinIcon.PAUSE, () -> onSelected(QueueAction.HOLD));
        Button release = button(RELEASE_ID, "Release", VaadinIcon.PLAY, () -> onSelected(QueueAction.RELEASE));
        Button delete = button(DELETE_ID, "Delete", VaadinIcon.TRASH, () -> confirm(
                "Delete " + grid.getSelectedItems().size() + " message(s)?",
                "They leave the queue without delivery and without a notice to the sender.",
                () -> onSelected(QueueAction.DELETE)).open());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        scope.setId(SCOPE_ID);
        scope.setLabel("All messages on");
        scope.setItems(ALL_NODES);
        scope.setValue(ALL_NODES);
        Button forceAll = button(FORCE_ALL_ID, "Send all", VaadinIcon.PAPERPLANE_O, () -> confirm(
                "Send all messages now?",
                "Forcing every retry at once slows normal delivery; held messages stay held.",
                () -> onAll(QueueAction.FORCE_DELIVERY)).open());
        Button deleteAll = button(DELETE_ALL_ID, "Delete all", VaadinIcon.TRASH, () -> deleteAllDialog().open());
        deleteAll.addThemeVariants(ButtonVariant.LUMO_ERROR);
        force.setVisible(client.canHandleMessages());
        hold.setVisible(client.canHandleMessages());
        release.setVisible(client.canHandleMessages());
        forceAll.setVisible(client.canHandleMessages());
        scope.setVisible(client.canHandleMessages());
        delete.setVisible(client.canAdminister());
        deleteAll.setVisible(client.canAdminister());
        HorizontalLayout actions = new HorizontalLayout(force, hold, release, delete, scope, forceAll, deleteAll);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        actions.setWrap(true);
        return actions;
    }

    private Component nodeControls() {
        nodeTarget.setId(NODE_TARGET_ID);
        nodeTarget.setLabel("Switch on");
        nodeTarget.setItems(ALL_NODES);
        nodeTarget.setValue(ALL_NODES);
        Button stopReceiving = button(RECEIVING_STOP_ID, "Stop receiving", VaadinIcon.STOP, () -> confirm(
                "Stop receiving on " + nodeTarget.getValue() + "?",
                "New SMTP connections get 421 4.3.2 until receiving is started again.",
                () -> switchTraffic(TrafficDirection.RECEIVING, false)).open());
        Button startReceiving = button(RECEIVING_START_ID, "Start receiving", VaadinIcon.PLAY,
                () -> switchTraffic(TrafficDirection.RECEIVING, true));
        Button stopSending = button(SENDING_STOP_ID, "Stop sending", VaadinIcon.STOP, () -> confirm(
                "Stop sending on " + nodeTarget.getValue() + "?",
                "No delivery starts until sending is started again; with recipient verification on, "
                        + "receiving stalls too.",
                () -> switchTraffic(TrafficDirection.SENDING, false)).open());
        Button startSending = button(SENDING_START_ID, "Start sending", VaadinIcon.PLAY,
                () -> switchTraffic(TrafficDirection.SENDING, true));
        HorizontalLayout controls = new HorizontalLayout(nodeTarget, stopReceiving, startReceiving, stopSending,
                startSending);
        controls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        controls.setVisible(client.canAdminister());
        return controls;
    }

    private static Button button(String id, String text, VaadinIcon icon, Runnable action) {
        Button button = new Button(text, icon.create(), click -> action.run());
        button.setId(id);
        return button;
    }

    private void configureGrid() {
        grid.setId(GRID_ID);
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(row -> format(row.arrivedAt())).setKey("arrivedAt").setHeader("Arrived (UTC)")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(QueuedMessageView::queue).setKey("queue").setHeader("Queue").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(QueuedMessageView::nodeId).setKey("node").setHeader("Node").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(row -> row.sender().isEmpty() ? "<>" : row.sender()).setKey("sender").setHeader("Sender");
        grid.addColumn(row -> String.join(", ", row.recipients())).setKey("recipients").setHeader("Recipients");
        grid.addColumn(row -> row.sizeBytes() + " B").setKey("size").setHeader("Size")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(QueuedMessageView::attempts).setKey("attempts").setHeader("Attempts").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(row -> format(row.nextAttemptAt())).setKey("nextAttemptAt").setHeader("Next attempt (UTC)")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(QueuedMessageView::lastReply).setKey("lastReply").setHeader("Last reply");
        grid.addColumn(QueuedMessageView::messageId).setKey("messageId").setHeader("Message-ID");
        grid.addColumn(QueuedMessageView::queueId).setKey("queueId").setHeader("Queue ID").setAutoWidth(true)
                .setFlexGrow(0);
    }

    private void configureNodes() {
        nodes.setId(NODES_GRID_ID);
        nodes.setAllRowsVisible(true);
        nodes.addThemeVariants(GridVariant.LUMO_COMPACT);
        nodes.addColumn(NodeStatusView::nodeId).setHeader("Node");
        nodes.addColumn(n -> !n.listening() ? "no listener" : n.receiving() ? "on" : "STOPPED").setHeader("Receiving");
        nodes.addColumn(n -> n.sending() ? "on" : "STOPPED").setHeader("Sending");
        nodes.addColumn(n -> format(n.startedAt())).setHeader("Started (UTC)");
        nodes.addColumn(n -> n.changedBy() == null ? "" : format(n.changedAt()) + " by " + n.changedBy())
                .setHeader("Last switched");
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    /** Runs the search, reloads counts and nodes. */
    void refresh() {
        LocalDateTime fromValue = from.getValue();
        LocalDateTime toValue = to.getValue();
        if (fromValue != null && toValue != null && !fromValue.isBefore(toValue)) {
            error("'Arrived from' must be before 'Arrived before'.");
            return;
        }
        FindQueuedMessagesQuery query = new FindQueuedMessagesQuery(queue.getValue(), blankToNull(node.getValue()),
                blankToNull(messageId.getValue()), blankToNull(sender.getValue()), blankToNull(recipient.getValue()),
                utc(fromValue), utc(toValue), sort.getValue(), LIMIT);
        attempt(() -> {
            List<QueuedMessageView> rows = client.find(query);
            List<QueueCountsView> perNode = client.counts();
            List<NodeStatusView> known = client.nodes();
            grid.setItems(rows);
            counts.setText(countsText(perNode, rows.size()));
            nodes.setItems(known);
            List<String> nodeIds = java.util.stream.Stream.concat(perNode.stream().map(QueueCountsView::nodeId),
                    known.stream().map(NodeStatusView::nodeId)).distinct().sorted().toList();
            List<String> choices = java.util.stream.Stream.concat(java.util.stream.Stream.of(ALL_NODES),
                    nodeIds.stream()).toList();
            keepChoice(scope, choices);
            keepChoice(nodeTarget, choices);
            return rows;
        });
    }

    private static void keepChoice(Select<String> select, List<String> choices) {
        String current = select.getValue();
        select.setItems(choices);
        select.setValue(choices.contains(current) ? current : ALL_NODES);
    }

    static String countsText(List<QueueCountsView> perNode, int shown) {
        QueueCountsView total = perNode.stream().reduce(QueueCountsView.of(null, 0, 0, 0, 0), (a, b) -> a.plus(b, null));
        String nodesText = perNode.stream().map(c -> c.nodeId() + ": " + c.incoming() + " incoming, " + c.active()
                + " active, " + c.deferred() + " deferred, " + c.hold() + " hold"
                + (c.spamQuarantine() > 0 ? ", " + c.spamQuarantine() + " in the Anti-Spam Quarantine" : ""))
                .collect(Collectors.joining("; "));
        return total.total() + " queued (" + total.incoming() + " incoming, " + total.active() + " active, "
                + total.deferred() + " deferred, " + total.hold() + " hold"
                + (total.spamQuarantine() > 0 ? ", " + total.spamQuarantine() + " in the Anti-Spam Quarantine" : "")
                + ")"
                + (nodesText.isEmpty() ? "" : " | " + nodesText)
                + (shown >= LIMIT ? " | showing the first " + LIMIT + ": narrow the filters" : "");
    }

    private void onSelected(QueueAction action) {
        List<String> ids = grid.getSelectedItems().stream().map(QueuedMessageView::queueId).sorted().toList();
        if (ids.isEmpty()) {
            error("Select messages first.");
            return;
        }
        if (attempt(() -> client.act(action, ids)) != null) {
            success(label(action) + " requested for " + ids.size() + " message(s); Refresh shows the result.");
        }
    }

    private void onAll(QueueAction action) {
        String target = ALL_NODES.equals(scope.getValue()) ? null : scope.getValue();
        if (attempt(() -> client.actOnAll(action, target)) != null) {
            success(label(action) + " requested for all messages on " + scope.getValue() + ".");
        }
    }

    private void switchTraffic(TrafficDirection direction, boolean enabled) {
        String target = ALL_NODES.equals(nodeTarget.getValue()) ? null : nodeTarget.getValue();
        if (attempt(() -> client.switchTraffic(target, direction, enabled)) != null) {
            success((enabled ? "Start " : "Stop ") + direction.name().toLowerCase(Locale.ROOT) + " requested on "
                    + nodeTarget.getValue() + ".");
        }
    }

    /** The confirmation of "Delete all" for the chosen scope. */
    Dialog deleteAllDialog() {
        return confirm("Delete every queued message on " + scope.getValue() + "?",
                "This also destroys received mail not yet delivered. It cannot be undone and no sender is told.",
                () -> onAll(QueueAction.DELETE));
    }

    /** A confirmation dialog; its confirm button has the id {@value #CONFIRM_ID}. */
    Dialog confirm(String title, String text, Runnable onConfirm) {
        return Dialogs.confirmation(title, text, "Confirm", CONFIRM_ID, true, onConfirm);
    }

    private static String label(QueueAction action) {
        return switch (action) {
            case FORCE_DELIVERY -> "Delivery";
            case DELETE -> "Deletion";
            case HOLD -> "Hold";
            case RELEASE -> "Release";
        };
    }

    private <T> T attempt(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidQueueCommandException | AccessDeniedException e) {
            error(e.getMessage());
        } catch (QueueAdministration.QueueUnavailableException e) {
            error("The queue is unavailable right now; try again.");
        }
        return null;
    }

    private void error(String text) {
        StatusLine.error(status, text);
    }

    private void success(String text) {
        StatusLine.success(status, text);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant utc(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    static String format(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
