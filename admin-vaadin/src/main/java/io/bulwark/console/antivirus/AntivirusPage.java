package io.bulwark.console.antivirus;

import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.admin.antivirus.InvalidAntivirusRequestException;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.antivirus.AntivirusNodeView;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;

/**
 * Anti-virus databases (reference A.1, G.3 "Update"): per gateway node, the databases in use with
 * their versions and record counts, their age (from the newest publishing time), whether the node
 * reported them out of date, and how the last update ended; "Update now" asks one node or every
 * node for an update. An update is a request: each node runs it and reports, and Refresh shows the
 * result. The button is hidden from roles that may not use it; {@link AntivirusClient} refuses it
 * on the server as well.
 *
 * <p>Element ids for browser tests: see the constants. One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.PROTECTION, title = "Anti-virus databases", icon = VaadinIcon.SHIELD, order = 40)
@Route(value = AntivirusPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Anti-virus databases")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class AntivirusPage extends VerticalLayout {
    public static final String ROUTE = "antivirus";
    public static final String GRID_ID = "antivirus-nodes";
    public static final String TARGET_ID = "antivirus-update-target";
    public static final String UPDATE_ID = "antivirus-update-now";
    public static final String REFRESH_ID = "antivirus-refresh";
    public static final String STATUS_ID = "antivirus-status";
    /** The target choice that means every node. */
    static final String ALL_NODES = "All nodes";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private final AntivirusClient client;
    private final Clock clock;
    private final Grid<AntivirusNodeView> grid = new Grid<>(AntivirusNodeView.class, false);
    private final Select<String> target = new Select<>();
    private final Span status = new Span();

    public AntivirusPage(AntivirusClient client) {
        this(client, Clock.systemUTC());
    }

    AntivirusPage(AntivirusClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
        setSizeFull();
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), click -> refresh());
        refresh.setId(REFRESH_ID);
        target.setId(TARGET_ID);
        target.setLabel("Update");
        Button update = new Button("Update now", VaadinIcon.DOWNLOAD.create(), click -> updateNow());
        update.setId(UPDATE_ID);
        update.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        target.setVisible(client.canUpdate());
        update.setVisible(client.canUpdate());
        HorizontalLayout actions = new HorizontalLayout(target, update, refresh);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        status.setId(STATUS_ID);
        configureGrid();
        add(actions, grid, status);
        expand(grid);
    }

    private void configureGrid() {
        grid.setId(GRID_ID);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(AntivirusNodeView::nodeId).setHeader("Node").setAutoWidth(true);
        grid.addColumn(AntivirusPage::versions).setHeader("Databases (version, records)").setFlexGrow(2);
        grid.addColumn(AntivirusNodeView::records).setHeader("Records").setAutoWidth(true);
        grid.addColumn(view -> age(view, clock.instant())).setHeader("Age").setAutoWidth(true);
        grid.addColumn(AntivirusPage::lastUpdate).setHeader("Last update").setFlexGrow(2);
        grid.addColumn(view -> view.requestedAt() == null ? ""
                : TIME.format(view.requestedAt()) + " by " + view.requestedBy()).setHeader("Last asked")
                .setAutoWidth(true);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    /** Reads the nodes again. */
    void refresh() {
        try {
            List<AntivirusNodeView> nodes = client.databases();
            grid.setItems(nodes);
            List<String> targets = new ArrayList<>(List.of(ALL_NODES));
            nodes.forEach(n -> targets.add(n.nodeId()));
            String chosen = target.getValue();
            target.setItems(targets);
            target.setValue(chosen != null && targets.contains(chosen) ? chosen : ALL_NODES);
        } catch (RuntimeException e) {
            StatusLine.error(status, "The databases are unavailable: " + e.getMessage());
        }
    }

    private void updateNow() {
        String node = ALL_NODES.equals(target.getValue()) ? null : target.getValue();
        try {
            String requestId = client.updateNow(node);
            StatusLine.success(status, "Update requested for " + (node == null ? "every node" : node)
                    + " (request " + requestId + "); Refresh shows the result");
        } catch (AccessDeniedException | InvalidAntivirusRequestException e) {
            StatusLine.error(status, e.getMessage());
        } catch (RuntimeException e) {
            StatusLine.error(status, "The update could not be requested: " + e.getMessage());
        }
    }

    static String versions(AntivirusNodeView view) {
        return view.databases().stream().map(d -> d.name() + (d.version() > 0 ? " " + d.version() : "") + " ("
                + d.records() + ")").collect(Collectors.joining(", "));
    }

    /** "2 d 3 h", "5 h", with "out of date" when the node said so; empty without a publishing time. */
    static String age(AntivirusNodeView view, Instant now) {
        if (view.publishedAt() == null) {
            return view.outOfDate() ? "out of date" : "";
        }
        Duration age = Duration.between(view.publishedAt(), now);
        String text = age.toDays() > 0 ? age.toDays() + " d " + age.toHoursPart() + " h"
                : Math.max(0, age.toHours()) + " h";
        return text + " (published " + TIME.format(view.publishedAt()) + ")" + (view.outOfDate() ? ", out of date"
                : "");
    }

    static String lastUpdate(AntivirusNodeView view) {
        if (view.lastResult() == null) {
            return "";
        }
        String text = switch (view.lastResult()) {
            case UPDATED -> "updated";
            case UP_TO_DATE -> "up to date";
            case FAILED -> "failed: " + view.lastReason();
        };
        return text + " at " + TIME.format(view.lastCheckedAt());
    }
}
