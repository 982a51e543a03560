package io.bulwark.console.report;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.bulwark.admin.report.InvalidReportException;
import io.bulwark.admin.report.ReportCharts;
import io.bulwark.admin.report.ReportData;
import io.bulwark.admin.report.UnknownReportException;
import io.bulwark.console.kit.FilterValues;
import io.bulwark.console.kit.Nav;
import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.report.ReportScheduleEntry;
import io.bulwark.events.report.ReportScheduleView;
import io.bulwark.events.report.ReportView;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/**
 * Reports (issue 14, docs/reports.md): the list of reports, one report's numbers and charts, its PDF,
 * a custom report for any period, deletion, and the daily / weekly / monthly schedule. The charts are
 * PNG images rendered by the backend (JFreeChart; Vaadin Charts is a paid component), the same as
 * the API's {@code /api/v1/reports/{id}/charts/{name}.png}. Writing needs ADMINISTRATOR; other roles
 * see the page read-only and {@link ReportsClient} refuses them on the server anyway.
 *
 * <p>Element ids: see the constants. One instance per browser tab; UI thread only, except the
 * download handlers, which read only the report id they were made for.
 */
@Route(value = ReportsPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Reports")
@Nav(section = Nav.Section.LOGS, title = "Reports", icon = VaadinIcon.CHART, order = 30)
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class ReportsPage extends VerticalLayout {
    public static final String ROUTE = "reports";
    public static final String GRID_ID = "reports-grid";
    public static final String FROM_ID = "reports-from";
    public static final String TO_ID = "reports-to";
    public static final String RECIPIENTS_ID = "reports-recipients";
    public static final String CREATE_ID = "reports-create";
    public static final String DELETE_ID = "reports-delete";
    public static final String PDF_ID = "reports-pdf";
    public static final String SUMMARY_ID = "reports-summary";
    public static final String CHARTS_ID = "reports-charts";
    public static final String SAVE_SCHEDULE_ID = "reports-schedule-save";
    public static final String STATUS_ID = "reports-status";

    private final ReportsClient client;
    private final Grid<ReportView> grid = new Grid<>(ReportView.class, false);
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final TextField recipients = new TextField("Mail to (comma separated, optional)");
    private final Button create = new Button("Create report");
    private final Button delete = new Button("Delete");
    private final Anchor pdf = new Anchor();
    private final Div summary = new Div();
    private final Div charts = new Div();
    private final Span status = new Span();
    private final ScheduleRow daily = new ScheduleRow("daily");
    private final ScheduleRow weekly = new ScheduleRow("weekly");
    private final ScheduleRow monthly = new ScheduleRow("monthly");
    private final Button saveSchedule = new Button("Save schedule");

    public ReportsPage(ReportsClient client) {
        this.client = client;
        grid.setId(GRID_ID);
        grid.addColumn(ReportView::id).setHeader("Report").setAutoWidth(true);
        grid.addColumn(ReportView::type).setHeader("Type");
        grid.addColumn(r -> FilterValues.format(r.from())).setHeader("From (UTC)");
        grid.addColumn(r -> FilterValues.format(r.to())).setHeader("To (UTC)");
        grid.addColumn(r -> r.reason() == null ? r.status() : r.status() + ": " + r.reason()).setHeader("Status");
        grid.addColumn(ReportView::createdBy).setHeader("Created by");
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        from.setId(FROM_ID);
        to.setId(TO_ID);
        recipients.setId(RECIPIENTS_ID);
        recipients.setWidth("24em");
        create.setId(CREATE_ID);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> create());
        delete.setId(DELETE_ID);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClickListener(click -> delete());
        delete.setEnabled(false);
        pdf.setId(PDF_ID);
        pdf.setText("Download PDF");
        pdf.setVisible(false);
        summary.setId(SUMMARY_ID);
        charts.setId(CHARTS_ID);
        status.setId(STATUS_ID);
        saveSchedule.setId(SAVE_SCHEDULE_ID);
        saveSchedule.addClickListener(click -> saveSchedule());
        boolean canChange = client.canChange();
        HorizontalLayout custom = new HorizontalLayout(from, to, recipients, create);
        custom.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        custom.setVisible(canChange);
        delete.setVisible(canChange);
        saveSchedule.setVisible(canChange);
        for (ScheduleRow row : List.of(daily, weekly, monthly)) {
            row.setReadOnly(!canChange);
        }
        add(new H2("Reports"), status, custom, grid, new HorizontalLayout(pdf, delete), summary, charts,
                new H3("Schedule (times in UTC)"), daily, weekly, monthly, saveSchedule);
        refresh();
        showSchedule(client.schedule());
    }

    private void refresh() {
        grid.setItems(client.list());
    }

    private void show(ReportView report) {
        summary.removeAll();
        charts.removeAll();
        delete.setEnabled(report != null);
        pdf.setVisible(report != null && report.from() != null);
        if (report == null || report.from() == null) {
            return;
        }
        String id = report.id();
        // Download handlers need the session's resource registry: set only in a live UI (tests call the
        // responses directly). They run in the download request, outside the UI lock, and read only the id.
        boolean live = UI.getCurrent() != null;
        if (live) {
            pdf.setHref(DownloadHandler.fromInputStream(event -> pdfResponse(report)));
        }
        ReportData data = client.data(report);
        summary.add(new H3(report.id() + ": " + FilterValues.format(data.from()) + " - " + FilterValues.format(data.to())
                + " UTC"));
        summary.add(line("Messages scanned: " + data.messages() + ", volume " + data.bytes() + " bytes, recipients "
                + data.recipients()));
        summary.add(line("Detected: " + data.detected() + ", not detected: " + data.notDetected()
                + ", delivered: " + data.delivered() + ", bounced: " + data.bounced()));
        summary.add(line("Actions: " + data.actions()));
        summary.add(line("Nodes: " + data.nodes().stream().map(n -> n.node() + " " + n.messages()).toList()));
        data.tops().forEach((name, top) -> summary.add(line("Top " + name + ": " + top)));
        for (String chart : ReportCharts.NAMES) {
            Image image = new Image();
            image.setAlt("Chart " + chart);
            if (live) {
                image.setSrc(DownloadHandler.fromInputStream(event -> chartResponse(id, chart)));
            }
            image.setId("reports-chart-" + chart);
            image.setWidth("600px");
            charts.add(image);
        }
    }

    /** The PDF download of a report. */
    DownloadResponse pdfResponse(ReportView report) {
        try {
            byte[] bytes = client.pdf(report.id());
            return new DownloadResponse(new ByteArrayInputStream(bytes), report.fileName(), "application/pdf",
                    bytes.length);
        } catch (UnknownReportException e) {
            return DownloadResponse.error(404, e.getMessage());
        }
    }

    /** One chart image of a report, as the backend renders it. */
    DownloadResponse chartResponse(String id, String chart) {
        try {
            byte[] png = client.chart(id, chart);
            return new DownloadResponse(new ByteArrayInputStream(png), chart + ".png", "image/png", png.length);
        } catch (UnknownReportException e) {
            return DownloadResponse.error(404, e.getMessage());
        }
    }

    private static Div line(String text) {
        return new Div(text);
    }

    private void create() {
        if (from.getValue() == null || to.getValue() == null) {
            StatusLine.error(status, "Pick the start and the end of the period");
            return;
        }
        try {
            ReportView report = client.create(FilterValues.utc(from.getValue()), FilterValues.utc(to.getValue()),
                    split(recipients.getValue()));
            refresh();
            grid.select(report);
            StatusLine.success(status, "Created " + report.id());
        } catch (InvalidReportException | AccessDeniedException e) {
            StatusLine.error(status, e.getMessage());
        } catch (IllegalStateException e) {
            StatusLine.error(status, "Not created: " + e.getMessage());
        }
    }

    private void delete() {
        ReportView selected = grid.asSingleSelect().getValue();
        if (selected == null) {
            return;
        }
        try {
            client.delete(selected.id());
            refresh();
            show(null);
            StatusLine.success(status, "Deleted " + selected.id());
        } catch (UnknownReportException | AccessDeniedException e) {
            StatusLine.error(status, e.getMessage());
        } catch (IllegalStateException e) {
            StatusLine.error(status, "Not deleted: " + e.getMessage());
        }
    }

    private void saveSchedule() {
        try {
            showSchedule(client.changeSchedule(daily.entry(), weekly.entry(), monthly.entry()));
            StatusLine.success(status, "Schedule saved");
        } catch (InvalidReportException | AccessDeniedException e) {
            StatusLine.error(status, e.getMessage());
        } catch (IllegalStateException e) {
            StatusLine.error(status, "Not saved: " + e.getMessage());
        }
    }

    private void showSchedule(ReportScheduleView view) {
        daily.show(view.daily());
        weekly.show(view.weekly());
        monthly.show(view.monthly());
    }

    static List<String> split(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    /** One scheduled type: enabled, time of day, recipients. Ids {@code reports-<type>-enabled|time|recipients}. */
    static final class ScheduleRow extends HorizontalLayout {
        private final Checkbox enabled;
        private final TimePicker time = new TimePicker("Time");
        private final TextField recipients = new TextField("Mail to");

        ScheduleRow(String type) {
            enabled = new Checkbox(Character.toUpperCase(type.charAt(0)) + type.substring(1) + " report");
            enabled.setId("reports-" + type + "-enabled");
            time.setId("reports-" + type + "-time");
            recipients.setId("reports-" + type + "-recipients");
            recipients.setWidth("24em");
            setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            add(enabled, time, recipients);
        }

        void setReadOnly(boolean readOnly) {
            enabled.setReadOnly(readOnly);
            time.setReadOnly(readOnly);
            recipients.setReadOnly(readOnly);
        }

        void show(ReportScheduleEntry entry) {
            enabled.setValue(entry.enabled());
            time.setValue(entry.time());
            recipients.setValue(String.join(", ", entry.recipients()));
        }

        ReportScheduleEntry entry() {
            LocalTime t = time.getValue();
            return new ReportScheduleEntry(enabled.getValue(), t, split(recipients.getValue()));
        }
    }
}
