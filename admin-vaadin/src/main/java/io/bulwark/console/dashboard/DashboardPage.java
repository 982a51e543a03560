package io.bulwark.console.dashboard;

import io.bulwark.console.kit.Roles;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.QueueCountsView;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.Map;

/**
 * The console's home: protection status per module, anti-virus database age, the licence, mail flow
 * and per-module detections of the last hour and day as bars (plain {@link Div}s whose width is the share of the largest count: Vaadin's
 * chart component is commercial), queue sizes, nodes and warnings. Refreshes itself every
 * {@value #POLL_MILLIS} ms while open ({@code UI.setPollInterval}).
 *
 * <p>Element ids: see the constants; a flow bar's count is {@code flow-<period>-<disposition>} with
 * spaces as dashes, e.g. {@code flow-day-delivered}. One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.MONITORING, title = "Dashboard", icon = VaadinIcon.DASHBOARD, order = 10)
@Route(value = "", layout = MainLayout.class)
@PageTitle("Bulwark · Dashboard")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class DashboardPage extends VerticalLayout {
    public static final String ID = "dashboard";
    public static final String MODULES_ID = "dashboard-modules";
    public static final String FLOW_ID = "dashboard-flow";
    public static final String DETECTIONS_ID = "dashboard-detections";
    public static final String LICENCE_ID = "dashboard-licence";
    public static final String QUEUES_ID = "dashboard-queues";
    public static final String NODES_ID = "dashboard-nodes";
    public static final String WARNINGS_ID = "dashboard-warnings";
    public static final String UPDATED_ID = "dashboard-updated";
    static final int POLL_MILLIS = 10_000;

    private final DashboardClient client;
    private final Div modules = section(MODULES_ID);
    private final Div flow = section(FLOW_ID);
    private final Div detections = section(DETECTIONS_ID);
    private final Div licence = section(LICENCE_ID);
    private final Div queues = section(QUEUES_ID);
    private final Div nodes = section(NODES_ID);
    private final Div warnings = section(WARNINGS_ID);
    private final Span updated = new Span();
    private Registration polling;

    public DashboardPage(DashboardClient client) {
        this.client = client;
        setId(ID);
        updated.setId(UPDATED_ID);
        FlexLayout columns = new FlexLayout(block("Protection", new Div(modules, licence)), block("Mail flow", flow),
                block("Detections", detections),
                block("Queues", queues), block("Nodes", nodes));
        columns.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        columns.getStyle().set("gap", "var(--lumo-space-l)");
        add(new H3("Protection dashboard"), updated, block("Warnings", warnings), columns);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(POLL_MILLIS);
        polling = event.getUI().addPollListener(poll -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
        }
        event.getUI().setPollInterval(-1);
    }

    /** Reads a new snapshot and renders it; a failing read is shown as a warning, not an error page. */
    void refresh() {
        try {
            render(client.snapshot(Instant.now()));
        } catch (RuntimeException e) {
            warnings.removeAll();
            warnings.add(new Div("The dashboard could not be read: " + e.getMessage()));
        }
    }

    void render(DashboardSnapshot s) {
        updated.setText("Updated " + s.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " (every " + POLL_MILLIS / 1000 + " s)");
        warnings.removeAll();
        if (s.warnings().isEmpty()) {
            warnings.add(new Div("None"));
        }
        s.warnings().forEach(w -> warnings.add(coloured(new Div("⚠ " + w), "var(--lumo-error-text-color)")));

        modules.removeAll();
        s.modules().forEach((module, state) -> modules.add(coloured(new Div(module + ": " + state),
                "on".equals(state) ? "var(--lumo-success-text-color)" : "var(--lumo-secondary-text-color)")));
        s.antivirus().forEach(line -> modules.add(new Div("Anti-virus " + line)));
        licence.setText(s.licence() == null ? "Licence: not known" : "Licence " + s.licence());

        detections.removeAll();
        detectionBars("hour", "Last hour", s.detectionsLastHour(), s.capped());
        detectionBars("day", "Last 24 hours", s.detectionsLastDay(), s.capped());

        flow.removeAll();
        bars("hour", "Last hour", s.lastHour(), s.capped());
        bars("day", "Last 24 hours", s.lastDay(), s.capped());

        queues.removeAll();
        if (s.queues().isEmpty()) {
            queues.add(new Div("All queues empty"));
        }
        QueueCountsView total = s.queues().stream().reduce(QueueCountsView.of("all", 0, 0, 0, 0),
                (a, b) -> a.plus(b, "all"));
        for (QueueCountsView q : s.queues().size() > 1 ? java.util.stream.Stream.concat(s.queues().stream(),
                java.util.stream.Stream.of(total)).toList() : s.queues()) {
            queues.add(new Div(q.nodeId() + ": incoming " + q.incoming() + ", active " + q.active() + ", deferred "
                    + q.deferred() + ", hold " + q.hold()));
        }

        nodes.removeAll();
        for (NodeStatusView node : s.nodes()) {
            boolean up = node.listening() && node.receiving() && node.sending();
            nodes.add(coloured(new Div(node.nodeId() + ": " + DashboardSnapshot.state(node)),
                    up ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)"));
        }
    }

    /** One bar per disposition, widths relative to the largest count of the period. */
    private void bars(String period, String title, Map<String, Long> counts, boolean capped) {
        bars(flow, "flow-" + period + "-", title, counts, capped ? "received" : null);
    }

    /**
     * One bar per protection module: messages with a finding of that module. Ids
     * {@code detections-<period>-<module>}, the module in lower case with dashes
     * ({@code detections-day-anti-virus}).
     */
    private void detectionBars(String period, String title, Map<String, Long> counts, boolean capped) {
        Map<String, Long> labelled = new java.util.LinkedHashMap<>();
        counts.forEach((module, count) -> labelled.put(module.toLowerCase(java.util.Locale.ROOT).replace('_', ' '), count));
        bars(detections, "detections-" + period + "-", title, labelled, null);
        if (capped) {
            detections.add(new Div("(of the newest " + DashboardClient.LIMIT + " messages)"));
        }
    }

    /** Bars relative to the largest count; {@code atLeast} names the count shown with "+". */
    private static void bars(Div target, String idPrefix, String title, Map<String, Long> counts, String atLeast) {
        target.add(new H4(title));
        long max = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
        counts.forEach((disposition, count) -> {
            Span label = new Span(disposition);
            label.setWidth("11em");
            label.getStyle().set("display", "inline-block");
            Div bar = new Div();
            bar.getStyle().set("display", "inline-block").set("height", "0.8em")
                    .set("width", (count * 12.0 / max) + "em").set("background", "var(--lumo-primary-color)")
                    .set("margin", "0 0.5em");
            Span value = new Span(disposition.equals(atLeast) ? count + "+" : String.valueOf(count));
            value.setId(idPrefix + disposition.replace(' ', '-'));
            target.add(new Div(label, bar, value));
        });
    }

    private static Div block(String title, Div content) {
        Div block = new Div(new H4(title), content);
        block.setMinWidth("20em");
        return block;
    }

    private static Div section(String id) {
        Div div = new Div();
        div.setId(id);
        return div;
    }

    private static Div coloured(Div div, String colour) {
        div.getStyle().set("color", colour);
        return div;
    }
}
