package io.bulwark.console.backup;

import io.bulwark.console.kit.Dialogs;
import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.Nav;
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
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.bulwark.admin.backup.BackupDeliveryRequest;
import io.bulwark.admin.backup.BackupDownload;
import io.bulwark.admin.backup.InvalidBackupCommandException;
import io.bulwark.admin.backup.UnknownBackupCopyException;
import io.bulwark.console.antispam.TrainingBar;
import io.bulwark.console.antispam.TrainingClient;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.backup.BackupCopyDetails;
import io.bulwark.events.backup.BackupCopyView;
import io.bulwark.events.backup.BackupSearchCriteria;
import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.backup.BackupUsageView;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * Backup: the originals of messages a rule asked to keep. Filters (detected by module and status,
 * sender, recipient, client IP, time range), a grid newest first, and for the selected copy:
 * details with the full scan report, Deliver to the original recipients, Download as {@code .eml},
 * Delete. Deliver and Download are shown to ADMINISTRATOR and HELPDESK, Delete to ADMINISTRATOR;
 * {@link BackupClient} enforces the same on the server. Times are UTC.
 *
 * <p>Element ids for browser tests are the constants below. One instance per browser tab; used on
 * the UI thread only, except the download handler, which reads nothing from the view.
 */
@Nav(section = Nav.Section.MAIL, title = "Backup", icon = VaadinIcon.ARCHIVE, order = 20)
@Route(value = BackupPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Backup")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class BackupPage extends VerticalLayout {

    public static final String ROUTE = "backup";
    public static final String GRID_ID = "backup-grid";
    public static final String MODULE_ID = "backup-filter-module";
    public static final String STATUS_ID = "backup-filter-status";
    public static final String SENDER_ID = "backup-filter-sender";
    public static final String RECIPIENT_ID = "backup-filter-recipient";
    public static final String CLIENT_IP_ID = "backup-filter-client-ip";
    public static final String FROM_ID = "backup-filter-from";
    public static final String TO_ID = "backup-filter-to";
    public static final String REFRESH_ID = "backup-refresh";
    public static final String COUNT_ID = "backup-count";
    public static final String USAGE_ID = "backup-usage";
    public static final String STATUS_LINE_ID = "backup-status";
    public static final String DETAILS_ID = "backup-details";
    public static final String DELIVER_ID = "backup-deliver";
    public static final String DOWNLOAD_ID = "backup-download";
    public static final String DELETE_ID = "backup-delete";
    public static final String DELIVER_CONFIRM_ID = "backup-deliver-confirm";
    public static final String DELETE_CONFIRM_ID = "backup-delete-confirm";
    public static final String SCAN_REPORT_ID = "backup-scan-report";
    /** Rows fetched per search; the backend caps searches at 1000. */
    static final int LIMIT = 500;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final BackupClient client;
    private final Select<ProtectionModule> module = new Select<>();
    private final Select<ScanStatus> status = new Select<>();
    private final TextField sender = new TextField("Sender");
    private final TextField recipient = new TextField("Recipient");
    private final TextField clientIp = new TextField("Client IP");
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create());
    private final Span count = new Span();
    private final Span usage = new Span();
    private final Span statusLine = new Span();
    private final Button details = new Button("Details", VaadinIcon.INFO_CIRCLE.create());
    private final Button deliver = new Button("Deliver", VaadinIcon.PAPERPLANE.create());
    private final Anchor download = new Anchor();
    private final Button delete = new Button("Delete", VaadinIcon.TRASH.create());
    private final Grid<BackupCopyView> grid = new Grid<>(BackupCopyView.class, false);
    /** The selected copy, for the download handler (another thread). */
    private volatile String downloadId;

    public BackupPage(BackupClient client) {
        this(client, null);
    }

    /** With the training buttons (shown to users who may train) when {@code training} is given. */
    @Autowired
    public BackupPage(BackupClient client, TrainingClient training) {
        this.client = client;
        setSizeFull();
        statusLine.setId(STATUS_LINE_ID);
        add(filters(), new HorizontalLayout(count, usage), actions(), statusLine);
        if (training != null) {
            add(new TrainingBar(training, () -> selected().map(copy -> TrainingBar.Target.backupCopy(copy.backupId()))));
        }
        add(grid);
        configureGrid();
        expand(grid);
        updateActions();
    }

    private Component filters() {
        module.setId(MODULE_ID);
        module.setLabel("Detected by");
        module.setItems(ProtectionModule.values());
        // Called with null for the empty selection, whose caption is set below.
        module.setItemLabelGenerator(m -> m == null ? "" : moduleLabel(m));
        module.setEmptySelectionAllowed(true);
        module.setEmptySelectionCaption("Any module");
        module.addValueChangeListener(change -> {
            // Offer only the statuses the chosen module can report.
            ScanStatus chosen = status.getValue();
            List<ScanStatus> statuses = List.of(ScanStatus.values()).stream()
                    .filter(s -> change.getValue() == null || s.appliesTo(change.getValue())).toList();
            status.setItems(statuses);
            status.setValue(statuses.contains(chosen) ? chosen : null);
        });
        status.setId(STATUS_ID);
        status.setLabel("Status");
        status.setItems(ScanStatus.values());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any status");
        sender.setId(SENDER_ID);
        sender.setClearButtonVisible(true);
        sender.setPlaceholder("part of the address");
        recipient.setId(RECIPIENT_ID);
        recipient.setClearButtonVisible(true);
        recipient.setPlaceholder("part of the address");
        clientIp.setId(CLIENT_IP_ID);
        clientIp.setClearButtonVisible(true);
        clientIp.setPlaceholder("exact address");
        from.setId(FROM_ID);
        to.setId(TO_ID);
        refresh.setId(REFRESH_ID);
        refresh.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refresh.addClickListener(click -> refresh());
        refresh.addClickShortcut(Key.ENTER);
        count.setId(COUNT_ID);
        usage.setId(USAGE_ID);
        HorizontalLayout filters = new HorizontalLayout(module, status, sender, recipient, clientIp, from, to, refresh);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        return filters;
    }

    private Component actions() {
        details.setId(DETAILS_ID);
        details.addClickListener(click -> selected().flatMap(copy -> detailsDialog(copy.backupId())).ifPresent(Dialog::open));
        deliver.setId(DELIVER_ID);
        deliver.addClickListener(click -> selected().ifPresent(copy -> deliverDialog(copy).open()));
        download.setId(DOWNLOAD_ID);
        download.setText("Download .eml");
        delete.setId(DELETE_ID);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClickListener(click -> selected().ifPresent(copy -> deleteDialog(copy).open()));
        deliver.setVisible(client.canHandle());
        download.setVisible(client.canHandle());
        delete.setVisible(client.canDelete());
        HorizontalLayout actions = new HorizontalLayout(details, deliver, download, delete);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        return actions;
    }

    private void configureGrid() {
        grid.setId(GRID_ID);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(row -> format(row.storedAt())).setKey("storedAt").setHeader("Stored (UTC)")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(row -> row.message().sender()).setKey("sender").setHeader("Sender");
        grid.addColumn(row -> String.join(", ", row.message().recipients())).setKey("recipients")
                .setHeader("Recipients");
        grid.addColumn(row -> detectedBy(row.triggers())).setKey("detectedBy").setHeader("Detected by");
        grid.addColumn(row -> rules(row.triggers())).setKey("rule").setHeader("Rule").setAutoWidth(true);
        grid.addColumn(row -> humanSize(row.sizeBytes())).setKey("size").setHeader("Size")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(row -> row.message().clientAddress()).setKey("clientAddress").setHeader("Client IP")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(row -> row.message().messageId()).setKey("messageId").setHeader("Message-ID");
        grid.addItemDoubleClickListener(click -> detailsDialog(click.getItem().backupId()).ifPresent(Dialog::open));
        grid.asSingleSelect().addValueChangeListener(change -> updateActions());
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (client.canHandle()) {
            // One handler for the tab. It runs in the download request, outside the UI's lock, so it
            // reads only the volatile id of the selected copy, never the view's components.
            download.setHref(DownloadHandler.fromInputStream(event -> downloadResponse(downloadId)),
                    AttachmentType.DOWNLOAD);
        }
        refresh();
    }

    /** Runs the search with the current filters and shows the result. */
    void refresh() {
        LocalDateTime fromValue = from.getValue();
        LocalDateTime toValue = to.getValue();
        if (fromValue != null && toValue != null && !fromValue.isBefore(toValue)) {
            error("'From' must be before 'To'.");
            return;
        }
        BackupSearchCriteria criteria = new BackupSearchCriteria(module.getValue(), status.getValue(),
                sender.getValue(), recipient.getValue(), clientIp.getValue(), utc(fromValue), utc(toValue));
        List<BackupCopyView> rows = attempt(() -> client.search(criteria, LIMIT));
        BackupUsageView used = attempt(client::usage);
        if (rows == null || used == null) {
            return;
        }
        grid.setItems(rows);
        count.setText(rows.size() >= LIMIT ? "Showing the newest " + LIMIT + " copies: narrow the filters to see others"
                : rows.size() + (rows.size() == 1 ? " copy" : " copies"));
        usage.setText("Backup holds " + used.copies() + (used.copies() == 1 ? " copy" : " copies") + ", "
                + humanSize(used.usedBytes()) + " of " + humanSize(used.maxBytes()));
        updateActions();
    }

    /** The details dialog (metadata, triggers, every module's verdict); empty if the copy is gone. */
    Optional<Dialog> detailsDialog(String backupId) {
        Optional<BackupCopyDetails> found = Optional.ofNullable(attempt(() -> client.details(backupId)))
                .flatMap(d -> d);
        if (found.isEmpty()) {
            error("Backup copy " + backupId + " is no longer stored.");
            return Optional.empty();
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Backup copy " + backupId);
        BackupCopyView copy = found.get().copy();
        VerticalLayout body = new VerticalLayout(
                line("Stored", format(copy.storedAt()) + " UTC"),
                line("Sender", copy.message().sender()),
                line("Recipients", String.join(", ", copy.message().recipients())),
                line("Client IP", copy.message().clientAddress()),
                line("Message-ID", copy.message().messageId()),
                line("Queue ID / node", copy.message().queueId() + " / " + copy.message().nodeId()),
                line("Size", humanSize(copy.sizeBytes()) + " (" + humanSize(copy.compressedBytes()) + " stored)"),
                line("SHA-256", copy.sha256()),
                line("Detected by", detectedBy(copy.triggers()) + " (rule " + rules(copy.triggers()) + ")"));
        Div report = new Div();
        report.setId(SCAN_REPORT_ID);
        if (found.get().scanReport() == null) {
            report.add(new Div(new Span("No scan report was stored with this copy.")));
        } else {
            for (ModuleVerdict verdict : found.get().scanReport().verdicts()) {
                String reasons = verdict.reasons().isEmpty() ? "" : ": " + String.join("; ", verdict.reasons());
                String score = verdict.score() == 0 ? "" : " (score " + verdict.score() + ")";
                report.add(new Div(new Span(moduleLabel(verdict.module()) + " " + verdict.status() + score + reasons)));
            }
        }
        body.add(line("Scan report", ""), report);
        body.setPadding(false);
        body.setSpacing(false);
        dialog.add(body);
        dialog.getFooter().add(new Button("Close", click -> dialog.close()));
        dialog.setWidth("48em");
        return Optional.of(dialog);
    }

    /** Asks before delivering: the copy was held back for a reason. */
    Dialog deliverDialog(BackupCopyView copy) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Deliver from Backup?");
        dialog.add(new Span("The original message, unchanged and without scanning, goes to "
                + String.join(", ", copy.message().recipients()) + ". It was kept because of "
                + detectedBy(copy.triggers()) + "."));
        Button confirm = Dialogs.confirm("Deliver", DELIVER_CONFIRM_ID, false, () -> {
            BackupDeliveryRequest request = attempt(() -> client.deliver(copy.backupId()));
            dialog.close();
            if (request != null) {
                success("Delivery requested to " + String.join(", ", request.recipients()));
            }
        });
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm);
        return dialog;
    }

    /** Asks before deleting: it cannot be undone. */
    Dialog deleteDialog(BackupCopyView copy) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Delete Backup copy " + copy.backupId() + "?");
        dialog.add(new Span("The original message is removed for good. The deletion stays in the audit log."));
        Button confirm = Dialogs.confirm("Delete", DELETE_CONFIRM_ID, true, () -> {
            Boolean done = attempt(() -> {
                client.delete(copy.backupId());
                return Boolean.TRUE;
            });
            dialog.close();
            if (done != null) {
                success("Deleted Backup copy " + copy.backupId());
                grid.deselectAll();
                refresh();
            }
        });
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm);
        return dialog;
    }

    /**
     * The download of one copy, as the anchor's handler answers it. Runs in the download request,
     * where the signed-in user's security context is that request's; it reads nothing from the view.
     */
    DownloadResponse downloadResponse(String backupId) {
        if (backupId == null) {
            return DownloadResponse.error(404, "Select a Backup copy first");
        }
        try {
            BackupDownload file = client.download(backupId);
            return new DownloadResponse(new ByteArrayInputStream(file.bytes()), file.fileName(), "message/rfc822",
                    file.bytes().length);
        } catch (AccessDeniedException e) {
            return DownloadResponse.error(403, e.getMessage());
        } catch (UnknownBackupCopyException | InvalidBackupCommandException e) {
            return DownloadResponse.error(404, e.getMessage());
        }
    }

    private Optional<BackupCopyView> selected() {
        return grid.getSelectedItems().stream().findFirst();
    }

    private void updateActions() {
        Optional<BackupCopyView> copy = selected();
        details.setEnabled(copy.isPresent());
        deliver.setEnabled(copy.isPresent());
        delete.setEnabled(copy.isPresent());
        download.setEnabled(copy.isPresent());
        downloadId = copy.map(BackupCopyView::backupId).orElse(null);
    }

    private <T> T attempt(Supplier<T> call) {
        try {
            return call.get();
        } catch (AccessDeniedException | UnknownBackupCopyException | InvalidBackupCommandException
                | IllegalArgumentException e) {
            error(e.getMessage());
            return null;
        }
    }

    private void error(String text) {
        StatusLine.error(statusLine, text);
    }

    private void success(String text) {
        StatusLine.success(statusLine, text);
    }

    private static Component line(String label, String value) {
        Span name = new Span(label + ": ");
        name.getStyle().set("font-weight", "600");
        return new Div(name, new Span(value == null ? "" : value));
    }

    static String detectedBy(List<BackupTrigger> triggers) {
        return triggers.isEmpty() ? "-" : triggers.stream().map(t -> moduleLabel(t.module()) + ": " + t.status())
                .distinct().collect(Collectors.joining(", "));
    }

    static String rules(List<BackupTrigger> triggers) {
        return triggers.isEmpty() ? "-" : triggers.stream().map(BackupTrigger::ruleName).distinct()
                .collect(Collectors.joining(", "));
    }

    static String moduleLabel(ProtectionModule module) {
        return switch (module) {
            case SENDER_AUTHENTICATION -> "Sender authentication";
            case ANTI_VIRUS -> "Anti-Virus";
            case ANTI_SPAM -> "Anti-Spam";
            case ANTI_PHISHING -> "Anti-Phishing";
            case CONTENT_FILTERING -> "Content filtering";
            case EXTERNAL_SANDBOX -> "External sandbox";
        };
    }

    static String format(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static Instant utc(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(java.util.Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
