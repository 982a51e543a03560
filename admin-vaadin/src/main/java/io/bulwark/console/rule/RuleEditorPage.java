package io.bulwark.console.rule;

import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.NotInNavigation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.admin.rule.InvalidRuleCommandException;
import io.bulwark.admin.rule.RulePreviews;
import io.bulwark.admin.rule.RulesUnavailableException;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.SenderCriteria;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;

/**
 * Creates or edits one rule: route {@code rules/edit} for a new rule, {@code rules/edit/<name>} for
 * an existing one (the name, or the rule id for names containing '/'). Helpdesk and auditors see
 * the rule read-only. Saving sends the form's definition through {@link RulesClient}; a refusal
 * (invalid pattern, taken name, ...) is shown and the form keeps the input; success returns to the
 * rule list.
 *
 * <p>"Preview impact" (existing rules, every role: it saves nothing) shows how the messages of the
 * last N days would have been handled under the definition as it stands in the form, from their
 * recorded scan reports ({@link RulePreviews}): how many change, per "before -> after", and
 * examples. With "Preview as I edit" (on by default) the preview follows the form: it runs when
 * the rule is opened, after every change of a choice, and after a pause in typing
 * ({@link RuleForm#addChangeListener}); while the form's definition is invalid the preview area
 * says why instead of raising a notification on every keystroke. The live preview judges the
 * edits against recorded messages read at most {@link RulePreviews#WINDOW_REUSE} ago (the button
 * reads afresh), which keeps each edit's answer fast over 100k messages (docs/history.md).
 *
 * <p>Element ids: the form's (see {@link RuleForm}), plus {@value #TITLE_ID}, {@value #STATUS_ID},
 * {@value #PREVIEW_ID}, {@value #PREVIEW_DAYS_ID}, {@value #PREVIEW_RESULT_ID}, {@value #PREVIEW_LIVE_ID}.
 * One instance per navigation; UI thread only.
 */
@NotInNavigation("opened from the Rules page, one rule at a time")
@Route(value = RuleEditorPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Rule")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class RuleEditorPage extends VerticalLayout implements BeforeEnterObserver {

    /** Route template; the parameter is optional. */
    public static final String ROUTE = "rules/edit/:" + RuleEditorPage.PARAMETER + "?";
    /** Name of the route parameter. */
    public static final String PARAMETER = "name";
    public static final String TITLE_ID = "rule-title";
    public static final String STATUS_ID = "rule-status";
    public static final String PREVIEW_ID = "rule-preview";
    public static final String PREVIEW_DAYS_ID = "rule-preview-days";
    public static final String PREVIEW_RESULT_ID = "rule-preview-result";
    public static final String PREVIEW_LIVE_ID = "rule-preview-live";

    private final RulesClient client;
    private final H2 title = new H2();
    private final Span status = new Span();
    private final RuleForm form = new RuleForm();
    private final Button preview = new Button("Preview impact");
    private final IntegerField previewDays = new IntegerField("Days");
    private final Div previewResult = new Div();
    private final Checkbox live = new Checkbox("Preview as I edit", true);
    private final HorizontalLayout previewBar = new HorizontalLayout(previewDays, preview, live);
    /** The edited rule's id; {@code null} for a new rule. */
    private String ruleId;

    public RuleEditorPage(RulesClient client) {
        this.client = client;
        title.setId(TITLE_ID);
        status.setId(STATUS_ID);
        preview.setId(PREVIEW_ID);
        previewDays.setId(PREVIEW_DAYS_ID);
        previewDays.setMin(1);
        previewDays.setMax(RulePreviews.MAX_DAYS);
        previewDays.setValue(RulePreviews.DEFAULT_DAYS);
        previewDays.setStepButtonsVisible(true);
        previewResult.setId(PREVIEW_RESULT_ID);
        previewBar.setAlignItems(Alignment.BASELINE);
        preview.addClickListener(click -> preview());
        live.setId(PREVIEW_LIVE_ID);
        live.addValueChangeListener(change -> previewAsEdited());
        previewDays.addValueChangeListener(change -> previewAsEdited());
        form.addChangeListener(change -> previewAsEdited());
        add(title, status, form, previewBar, previewResult);
        form.addSaveListener(save -> save(save.definition()));
        form.addCancelListener(cancel -> backToList());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        load(event.getRouteParameters().get(PARAMETER));
    }

    /** Shows the named rule, or a new one when no name is given. */
    void load(Optional<String> name) {
        boolean editable = client.canChange();
        previewResult.removeAll();
        if (name.isEmpty()) {
            ruleId = null;
            previewBar.setVisible(false);
            title.setText("New rule");
            form.setRule(RuleDefinition.withDefaults("", new SenderCriteria(null, null), new RecipientCriteria(null)),
                    RuleKind.CUSTOM);
            form.setEditable(editable);
            form.setVisible(editable);
            if (!editable) {
                Feedback.error(status, "Only administrators can create rules");
            }
            return;
        }
        Optional<RuleView> rule = Optional.ofNullable(Feedback.attempt(status, () -> client.rule(name.get())))
                .flatMap(found -> found);
        if (rule.isEmpty()) {
            form.setVisible(false);
            previewBar.setVisible(false);
            title.setText("Rule not found");
            if (status.getText().isEmpty()) {
                Feedback.error(status, "No rule named '" + name.get() + "'");
            }
            return;
        }
        ruleId = rule.get().ruleId();
        previewBar.setVisible(true);
        title.setText((editable ? "Edit rule " : "Rule ") + rule.get().name() + " (position " + rule.get().position()
                + ")");
        form.setRule(rule.get().definition(), rule.get().kind());
        form.setEditable(editable);
        previewAsEdited();
    }

    /** Creates or edits; stays on the form with the refusal shown when the backend says no. */
    void save(RuleDefinition definition) {
        RuleView saved = Feedback.attempt(status,
                () -> ruleId == null ? client.create(definition) : client.edit(ruleId, definition));
        if (saved != null) {
            ruleId = saved.ruleId();
            Feedback.success(status, "Saved rule " + saved.name());
            backToList();
        }
    }

    /** Previews the form's definition over the recorded messages; shows counts and examples. */
    void preview() {
        previewResult.removeAll();
        RulePreviews.Preview p = Feedback.attempt(status, () -> client.preview(ruleId, form.toDefinition(), days()));
        if (p != null) {
            show(p);
        }
    }

    /** The live preview: after an edit, when switched on; an invalid form is explained in place. */
    void previewAsEdited() {
        if (ruleId == null || !live.getValue() || !previewBar.isVisible()) {
            return;
        }
        previewResult.removeAll();
        try {
            show(client.previewWhileEditing(ruleId, form.toDefinition(), days()));
        } catch (InvalidRuleCommandException | RulesUnavailableException | AccessDeniedException e) {
            previewResult.add(new Div("No preview: " + e.getMessage()));
        }
    }

    private int days() {
        Integer days = previewDays.getValue();
        return days == null || days < 1 || days > RulePreviews.MAX_DAYS ? RulePreviews.DEFAULT_DAYS : days;
    }

    private void show(RulePreviews.Preview p) {
        previewResult.add(new Div(summary(p)));
        if (!p.transitions().isEmpty()) {
            previewResult.add(new Div(p.transitions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))));
        }
        p.examples().forEach(e -> previewResult.add(new Div(e.at() + "  " + e.queueId() + "  from <" + e.sender()
                + ">  " + e.recipients().entrySet().stream().map(r -> r.getKey() + " " + r.getValue())
                .collect(Collectors.joining("; ")) + (e.reasons().isEmpty() ? "" : "  (" + e.reasons().getFirst()
                + ")"))));
    }

    /** One line: how many of how many change, and the caveats. */
    static String summary(RulePreviews.Preview p) {
        return p.changed() + " of " + p.messages() + " messages of the last " + p.days() + " days would be handled"
                + " differently (recipients' before -> after below)"
                + (p.withoutVerdicts() > 0 ? "; " + p.withoutVerdicts()
                        + " were not scanned then by a module this rule switches on" : "")
                + " (" + p.tookMillis() + " ms; recorded messages as read at " + p.windowReadAt() + ")";
    }

    private void backToList() {
        getUI().ifPresent(ui -> ui.navigate(RulesPage.class));
    }
}
