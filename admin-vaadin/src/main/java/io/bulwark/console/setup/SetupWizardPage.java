package io.bulwark.console.setup;

import io.bulwark.console.kit.Roles;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.admin.settings.NextHopCheck;
import io.bulwark.admin.settings.RoutingSettingsAdministration.Current;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.settings.RoutingSettings;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;

/**
 * The Quick Setup Wizard: choose how the gateway sits in the mail infrastructure
 * ({@link IntegrationMode}), fill the mode's steps (each validated before the next, with an SMTP
 * test of every next hop and an MX lookup of the relay domains shown as checks), see a summary of
 * old → new and apply it as one routing change (one audited event, applied by every node without a
 * restart). The console opens it instead of the dashboard while the installation is unconfigured
 * ({@link SetupClient#needsSetup()}).
 *
 * <p>Element ids: see the constants. One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.SETTINGS, title = "Quick setup", icon = VaadinIcon.MAGIC, order = 10)
@Route(value = SetupWizardPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Quick Setup")
@RolesAllowed(Roles.ADMINISTRATOR)
public class SetupWizardPage extends VerticalLayout {
    public static final String ROUTE = "setup";
    public static final String MODE_ID = "setup-mode";
    public static final String STEP_ID = "setup-step";
    public static final String FIELD_ID = "setup-field";
    public static final String CHECKS_ID = "setup-checks";
    public static final String SUMMARY_ID = "setup-summary";
    public static final String BACK_ID = "setup-back";
    public static final String NEXT_ID = "setup-next";
    public static final String APPLY_ID = "setup-apply";
    public static final String STATUS_ID = "setup-status";

    private final SetupClient client;
    private final Current before;
    private final SetupPlan plan;
    private final RadioButtonGroup<IntegrationMode> mode = new RadioButtonGroup<>("How is this gateway connected?");
    private final H4 stepTitle = new H4();
    private final Paragraph help = new Paragraph();
    private final TextArea field = new TextArea();
    private final Div checks = new Div();
    private final Div summary = new Div();
    private final Button back = new Button("Back", click -> back());
    private final Button next = new Button("Next", click -> next());
    private final Button apply = new Button("Apply", click -> apply());
    private final Span status = new Span();
    private final List<NextHopCheck.Result> results = new ArrayList<>();
    /** -1: choosing the mode; else the index in the mode's steps. */
    private int index = -1;

    public SetupWizardPage(SetupClient client) {
        this.client = client;
        this.before = client.current();
        this.plan = SetupPlan.from(before.settings());
        mode.setId(MODE_ID);
        mode.setItems(IntegrationMode.values());
        mode.setItemLabelGenerator(IntegrationMode::label);
        mode.setValue(plan.mode());
        stepTitle.setId(STEP_ID);
        field.setId(FIELD_ID);
        field.setWidth("36em");
        field.setMinHeight("8em");
        checks.setId(CHECKS_ID);
        summary.setId(SUMMARY_ID);
        back.setId(BACK_ID);
        next.setId(NEXT_ID);
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setId(APPLY_ID);
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        status.setId(STATUS_ID);
        Paragraph source = new Paragraph("Routing in force: " + ("console".equals(before.source())
                ? "changed by " + before.changedBy() + " at " + before.changedAt()
                : "the start values from the properties") + ".");
        add(new H3("Quick Setup Wizard"), source, stepTitle, help, mode, field, checks, summary,
                new HorizontalLayout(back, next, apply), status);
        show();
    }

    /** The step shown, or null while the mode is chosen. */
    SetupStep step() {
        return index < 0 ? null : plan.mode().steps().get(index);
    }

    SetupPlan plan() {
        return plan;
    }

    void back() {
        keep();
        if (index >= 0) {
            index--;
        }
        status.setText("");
        show();
    }

    /** Keeps the step's text, refuses to go on while it has a problem, runs the step's checks. */
    void next() {
        if (index < 0) {
            plan.mode(mode.getValue());
            index = 0;
            results.clear();
            show();
            return;
        }
        keep();
        SetupStep step = step();
        List<String> problems = plan.problems(step);
        if (!problems.isEmpty()) {
            StatusLine.error(status, String.join("; ", problems));
            return;
        }
        status.setText("");
        List<NextHopCheck.Result> stepResults = runChecks(step);
        results.addAll(stepResults);
        index++;
        show();
        showChecks(step, stepResults);
    }

    /** Applies everything as one change; says what went wrong, or that every node applies it now. */
    void apply() {
        List<String> problems = plan.problems(SetupStep.SUMMARY);
        if (!problems.isEmpty()) {
            StatusLine.error(status, String.join("; ", problems));
            return;
        }
        try {
            client.apply(plan.settings());
        } catch (RuntimeException e) {
            StatusLine.error(status, e.getMessage());
            return;
        }
        apply.setEnabled(false);
        back.setEnabled(false);
        StatusLine.success(status, "Applied: every node routes with these settings within seconds, no restart needed."
                + " The change is in the History.");
    }

    private void keep() {
        SetupStep step = step();
        if (step != null && step != SetupStep.SUMMARY) {
            plan.text(step, field.getValue());
        }
    }

    /** SMTP to each next hop the step names; MX of each relay domain. Results inform, never block. */
    private List<NextHopCheck.Result> runChecks(SetupStep step) {
        RoutingSettings settings = plan.settings();
        List<NextHopCheck.Result> out = new ArrayList<>();
        switch (step) {
            case RELAY_DOMAINS -> settings.relayDomains().forEach(d -> out.add(client.mx(d)));
            case TRANSPORT_MAP -> settings.transportMap().values().stream().distinct()
                    .forEach(hop -> out.add(client.smtp(hop)));
            case RELAYHOST -> out.add(client.smtp(settings.relayhost()));
            default -> {
            }
        }
        return out;
    }

    private void showChecks(SetupStep step, List<NextHopCheck.Result> stepResults) {
        checks.removeAll();
        if (!stepResults.isEmpty()) {
            checks.add(new Paragraph("Checks of " + step.title() + ":"));
            stepResults.forEach(r -> checks.add(line(r)));
        }
    }

    private static Div line(NextHopCheck.Result r) {
        Div line = new Div((r.ok() ? "✔ " : "⚠ ") + r.detail());
        line.getStyle().set("color", r.ok() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
        return line;
    }

    private void show() {
        SetupStep step = step();
        checks.removeAll();
        mode.setVisible(step == null);
        field.setVisible(step != null && step != SetupStep.SUMMARY);
        summary.setVisible(step == SetupStep.SUMMARY);
        back.setEnabled(index >= 0);
        next.setVisible(step != SetupStep.SUMMARY);
        apply.setVisible(step == SetupStep.SUMMARY);
        if (step == null) {
            stepTitle.setText("Integration mode");
            help.setText("Choose how mail reaches this gateway. You can run the wizard again at any time.");
            return;
        }
        stepTitle.setText("Step " + (index + 1) + " of " + plan.mode().steps().size() + ": " + step.title());
        help.setText(step.help());
        if (step == SetupStep.SUMMARY) {
            renderSummary();
        } else {
            field.setLabel(step.title());
            field.setValue(plan.text(step));
        }
    }

    private void renderSummary() {
        RoutingSettings old = before.settings();
        RoutingSettings now = plan.settings();
        summary.removeAll();
        summary.add(new Paragraph("Mode: " + plan.mode().label()));
        summary.add(change("Relay domains", old.relayDomains(), now.relayDomains()));
        summary.add(change("Recipient verification", old.verifyRecipients(), now.verifyRecipients()));
        summary.add(change("Transport map", old.transportMap(), now.transportMap()));
        summary.add(change("Relayhost", old.relayhost() == null ? "MX routing" : old.relayhost(),
                now.relayhost() == null ? "MX routing" : now.relayhost()));
        summary.add(change("Trusted networks", old.mynetworks(), now.mynetworks()));
        if (plan.mode().behindEdge()) {
            summary.add(new Paragraph("Sender authentication: with the edge gateway among the trusted networks, SPF,"
                    + " HELO and DNSBL checks judge the first untrusted hop of the Received chain (the client the"
                    + " edge received from), not the edge itself. Nothing else to set."));
        }
        if (!results.isEmpty()) {
            summary.add(new Paragraph("Checks:"));
            results.forEach(r -> summary.add(line(r)));
        }
    }

    private static Div change(String what, Object old, Object now) {
        String text = old.equals(now) ? what + ": " + now + " (unchanged)" : what + ": " + old + " → " + now;
        return new Div(text);
    }
}
