package io.bulwark.console.history;

import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.admin.history.Checkpoint;
import io.bulwark.admin.history.ConfigurationHistory;
import io.bulwark.admin.history.InvalidHistoryCommandException;
import io.bulwark.admin.history.ProjectionRebuilds;
import io.bulwark.admin.history.Verification;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.rule.RuleEntry;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/**
 * The auditor's history (issue 15): whether the sealed history is intact or where the first broken
 * link is (index, expected and found hash: the answer of {@code /api/v1/history/verify}), the latest
 * signed checkpoint, the read models with a Rebuild button (administrators), and the rules as they
 * were at a chosen moment (UTC), and retention and privacy: the retention per event class and the
 * archived part, with "Archive due segments" and "Forget" a data subject for administrators.
 *
 * <p>Element ids: see the constants. One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.LOGS, title = "History", icon = VaadinIcon.SHIELD, order = 20)
@Route(value = HistoryPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · History")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class HistoryPage extends VerticalLayout {
    public static final String ROUTE = "history";
    public static final String VERIFY_ID = "history-verify";
    public static final String RESULT_ID = "history-result";
    public static final String CHECKPOINT_ID = "history-checkpoint";
    public static final String READ_MODELS_ID = "history-read-models";
    public static final String AT_ID = "history-at";
    public static final String SHOW_ID = "history-show";
    public static final String RULES_AT_ID = "history-rules-at";
    public static final String ROUTING_AT_ID = "history-routing-at";
    public static final String STATUS_ID = "history-status";
    public static final String SETTINGS_AT_ID = "history-settings-at";
    public static final String COMPARE_TO_ID = "history-compare-to";
    public static final String COMPARE_ID = "history-compare";
    public static final String DIFFERENCES_ID = "history-differences";
    public static final String RETENTION_ID = "history-retention";
    public static final String ARCHIVE_ID = "history-archive";
    public static final String FORGET_ADDRESS_ID = "history-forget-address";
    public static final String FORGET_REASON_ID = "history-forget-reason";
    public static final String FORGET_ID = "history-forget";

    private final HistoryClient client;
    private final Span result = new Span();
    private final Span checkpoint = new Span();
    private final Span status = new Span();
    private final Grid<ProjectionRebuilds.ReadModelStatus> readModels = new Grid<>();
    private final DateTimePicker at = new DateTimePicker("Rules as they were at (UTC)");
    private final Grid<RuleEntry> rulesAt = new Grid<>();
    private final Span routingAt = new Span();
    private final Grid<Line> settingsAt = new Grid<>();
    private final DateTimePicker compareTo = new DateTimePicker("Compared with (UTC)");
    private final Grid<Line> differences = new Grid<>();
    private final Span retention = new Span();
    private final TextField forgetAddress = new TextField("Forget a person: address");
    private final TextField forgetReason = new TextField("Reason (e.g. the request's reference)");

    public HistoryPage(HistoryClient client) {
        this.client = client;
        setSizeFull();
        result.setId(RESULT_ID);
        checkpoint.setId(CHECKPOINT_ID);
        status.setId(STATUS_ID);
        Button verify = new Button("Verify", VaadinIcon.SHIELD.create(), e -> verify());
        verify.setId(VERIFY_ID);
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        readModels.setId(READ_MODELS_ID);
        readModels.addThemeVariants(GridVariant.LUMO_COMPACT);
        readModels.addColumn(ProjectionRebuilds.ReadModelStatus::processingGroup).setHeader("Read model");
        readModels.addColumn(s -> s.replaying() ? "rebuilding" : s.caughtUp() ? "current" : "catching up")
                .setHeader("State");
        readModels.addColumn(ProjectionRebuilds.ReadModelStatus::position).setHeader("Position");
        readModels.addComponentColumn(s -> {
            Button rebuild = new Button("Rebuild", e -> rebuild(s.processingGroup()));
            rebuild.setId("history-rebuild-" + s.processingGroup());
            rebuild.setVisible(client.canRebuild());
            return rebuild;
        });
        readModels.setAllRowsVisible(true);

        at.setId(AT_ID);
        at.setValue(LocalDateTime.now(ZoneOffset.UTC).minusDays(1).withSecond(0).withNano(0));
        Button show = new Button("Show", VaadinIcon.CLOCK.create(), e -> showRulesAt());
        show.setId(SHOW_ID);
        rulesAt.setId(RULES_AT_ID);
        routingAt.setId(ROUTING_AT_ID);
        rulesAt.addThemeVariants(GridVariant.LUMO_COMPACT);
        rulesAt.addColumn(RuleEntry::name).setHeader("Rule");
        rulesAt.addColumn(r -> r.enabled() ? "enabled" : "disabled").setHeader("State");
        rulesAt.addColumn(r -> r.definition().mode()).setHeader("Mode");
        rulesAt.setAllRowsVisible(true);
        settingsAt.setId(SETTINGS_AT_ID);
        settingsAt.addThemeVariants(GridVariant.LUMO_COMPACT);
        settingsAt.addColumn(Line::what).setHeader("Settings area").setAutoWidth(true).setFlexGrow(0);
        settingsAt.addColumn(Line::value).setHeader("As it was");
        settingsAt.setAllRowsVisible(true);
        compareTo.setId(COMPARE_TO_ID);
        compareTo.setValue(LocalDateTime.now(ZoneOffset.UTC).withSecond(0).withNano(0));
        Button compare = new Button("Compare", VaadinIcon.EXCHANGE.create(), e -> showDifferences());
        compare.setId(COMPARE_ID);
        differences.setId(DIFFERENCES_ID);
        differences.addThemeVariants(GridVariant.LUMO_COMPACT);
        differences.addColumn(Line::what).setHeader("What changed").setAutoWidth(true).setFlexGrow(0);
        differences.addColumn(Line::value).setHeader("Before → after");
        differences.setAllRowsVisible(true);
        HorizontalLayout timeTravel = new HorizontalLayout(at, show, compareTo, compare);
        timeTravel.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        retention.setId(RETENTION_ID);
        Button archive = new Button("Archive due segments", VaadinIcon.ARCHIVE.create(), e -> archive());
        archive.setId(ARCHIVE_ID);
        archive.setVisible(client.canRebuild());
        forgetAddress.setId(FORGET_ADDRESS_ID);
        forgetReason.setId(FORGET_REASON_ID);
        Button forget = new Button("Forget", VaadinIcon.ERASER.create(), e -> forget());
        forget.setId(FORGET_ID);
        forget.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout forgetting = new HorizontalLayout(forgetAddress, forgetReason, forget);
        forgetting.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        forgetting.setVisible(client.canRebuild());

        add(new H4("Sealed history"), new HorizontalLayout(verify, result), checkpoint, status,
                new H4("Read models"), readModels, new H4("Configuration at a moment"), timeTravel, rulesAt,
                routingAt, settingsAt, differences, new H4("Retention and privacy"), retention, archive, forgetting);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        verify();
        readModels.setItems(client.readModels());
        showRulesAt();
        showRetention();
    }

    private void showRetention() {
        var r = client.retention();
        StringBuilder text = new StringBuilder("Retention: ");
        r.retention().forEach((eventClass, period) -> text.append(eventClass).append(' ').append(period).append("; "));
        text.append(r.archivedUpTo() == 0 ? "nothing archived yet"
                : "archived up to index " + r.archivedUpTo() + " in " + r.segments().size() + " segment(s) under "
                        + r.archiveDirectory());
        if (r.nextSegment() != null) {
            text.append("; next segment ").append(r.nextSegment().first()).append(" to ").append(r.nextSegment().last());
        }
        retention.setText(text.toString());
    }

    private void archive() {
        try {
            var result = client.archiveNow();
            StatusLine.success(status, result.archived().isEmpty() ? "No segment is past retention"
                    : "Archived " + result.archived().size() + " segment(s), up to index " + result.archivedUpTo());
            showRetention();
            verify();
        } catch (AccessDeniedException | InvalidHistoryCommandException | IllegalStateException
                | java.io.UncheckedIOException e) {
            StatusLine.error(status, e.getMessage());
        }
    }

    private void forget() {
        try {
            String subjectId = client.forget(forgetAddress.getValue(), forgetReason.getValue());
            StatusLine.success(status, "Forgotten: data subject " + subjectId + " (its key is destroyed; read models"
                    + " with addresses are rebuilding)");
            forgetAddress.clear();
            forgetReason.clear();
        } catch (AccessDeniedException | InvalidHistoryCommandException | IllegalStateException e) {
            StatusLine.error(status, e.getMessage());
        }
    }

    private void verify() {
        Verification v = client.verify();
        if (v.intact()) {
            result.setText("Intact: indexes " + v.from() + " to " + v.to() + " (" + v.events() + " events, "
                    + v.gaps() + " gaps, " + v.checkpoints() + " signed checkpoints checked)");
            result.getStyle().set("color", "var(--lumo-success-text-color)");
        } else {
            Verification.BrokenLink b = v.brokenLink();
            result.setText("Broken at global index " + b.globalIndex() + " (" + b.reason() + "): expected "
                    + b.expected() + ", found " + b.found());
            result.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        Checkpoint c = v.latestCheckpoint();
        checkpoint.setText(c == null ? "No signed checkpoint yet"
                : "Latest signed checkpoint: index " + c.index() + ", hash " + c.hash() + ", signed " + c.time()
                        + " with key " + c.keyId());
    }

    private void rebuild(String group) {
        try {
            client.rebuild(group);
            StatusLine.success(status, "Rebuilding " + group + " from zero");
            readModels.setItems(client.readModels());
        } catch (AccessDeniedException | InvalidHistoryCommandException | IllegalStateException e) {
            StatusLine.error(status, e.getMessage());
        }
    }

    private void showRulesAt() {
        if (at.getValue() == null) {
            return;
        }
        var configuration = client.configurationAt(at.getValue().toInstant(ZoneOffset.UTC));
        rulesAt.setItems(configuration.rules());
        routingAt.setText(routing(configuration.routing()));
        settingsAt.setItems(settings(configuration));
    }

    private void showDifferences() {
        if (at.getValue() == null || compareTo.getValue() == null) {
            return;
        }
        differences.setItems(differences(client.configurationDiff(at.getValue().toInstant(ZoneOffset.UTC),
                compareTo.getValue().toInstant(ZoneOffset.UTC))));
    }

    /** One row: what, and its value (or before → after). */
    record Line(String what, String value) {
    }

    /** The four settings areas at the moment, one row each (ADR 0031's areas beside the routing). */
    static List<Line> settings(ConfigurationHistory.ConfigurationAt configuration) {
        List<Line> out = new ArrayList<>();
        configuration.settings().forEach((area, value) -> out.add(new Line(area,
                value == null ? "none recorded from the console yet (each node's properties applied)" : value.toString())));
        return out;
    }

    /** The difference between two moments, one row per changed thing; one row saying so when nothing changed. */
    static List<Line> differences(ConfigurationHistory.ConfigurationDiff d) {
        List<Line> out = new ArrayList<>();
        d.rulesAdded().forEach(r -> out.add(new Line("rule added", r.name())));
        d.rulesRemoved().forEach(r -> out.add(new Line("rule removed", r.name())));
        d.rulesChanged().forEach(c -> out.add(new Line("rule changed", c.before().name() + " → " + c.after().name()
                + (c.before().definition().equals(c.after().definition()) ? "" : " (definition edited)"))));
        if (d.rulesMoved()) {
            out.add(new Line("rule order", "changed"));
        }
        d.allowAdded().forEach(e -> out.add(new Line("allow list", "added " + e.value())));
        d.allowRemoved().forEach(e -> out.add(new Line("allow list", "removed " + e.value())));
        d.denyAdded().forEach(e -> out.add(new Line("deny list", "added " + e.value())));
        d.denyRemoved().forEach(e -> out.add(new Line("deny list", "removed " + e.value())));
        if (d.denyActionChanged()) {
            out.add(new Line("deny list", "action changed"));
        }
        if (d.routingChanged()) {
            out.add(new Line("routing", routing(d.routingBefore()) + " → " + routing(d.routingAfter())));
        }
        d.settingsChanged().forEach(c -> out.add(new Line(c.area(),
                (c.before() == null ? "none recorded" : c.before()) + " → " + c.after())));
        if (out.isEmpty()) {
            out.add(new Line("nothing", "the configuration was the same at both moments"));
        }
        return out;
    }

    /** The routing settings at the moment, in one line. */
    static String routing(io.bulwark.events.settings.RoutingSettings r) {
        if (r == null) {
            return "Routing: none recorded from the console yet (each node's properties applied)";
        }
        return "Routing: relay domains " + String.join(", ", r.relayDomains()) + "; mynetworks "
                + String.join(", ", r.mynetworks()) + "; relayhost " + (r.relayhost() == null ? "MX" : r.relayhost())
                + "; transport map " + r.transportMap() + "; verified recipients "
                + String.join(", ", r.verifyRecipients());
    }
}
