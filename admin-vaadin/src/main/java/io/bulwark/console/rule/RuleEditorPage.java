package io.bulwark.console.rule;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.SenderCriteria;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;

/**
 * Creates or edits one rule: route {@code rules/edit} for a new rule, {@code rules/edit/<name>} for
 * an existing one (the name, or the rule id for names containing '/'). Helpdesk and auditors see
 * the rule read-only. Saving sends the form's definition through {@link RulesClient}; a refusal
 * (invalid pattern, taken name, ...) is shown and the form keeps the input; success returns to the
 * rule list.
 *
 * <p>Element ids: the form's (see {@link RuleForm}), plus {@value #TITLE_ID} and {@value #STATUS_ID}.
 * One instance per navigation; UI thread only.
 */
@Route(value = RuleEditorPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Rule")
@RolesAllowed({"ADMINISTRATOR", "HELPDESK", "AUDITOR"})
public class RuleEditorPage extends VerticalLayout implements BeforeEnterObserver {

    /** Route template; the parameter is optional. */
    public static final String ROUTE = "rules/edit/:" + RuleEditorPage.PARAMETER + "?";
    /** Name of the route parameter. */
    public static final String PARAMETER = "name";
    public static final String TITLE_ID = "rule-title";
    public static final String STATUS_ID = "rule-status";

    private final RulesClient client;
    private final H2 title = new H2();
    private final Span status = new Span();
    private final RuleForm form = new RuleForm();
    /** The edited rule's id; {@code null} for a new rule. */
    private String ruleId;

    public RuleEditorPage(RulesClient client) {
        this.client = client;
        title.setId(TITLE_ID);
        status.setId(STATUS_ID);
        add(title, status, form);
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
        if (name.isEmpty()) {
            ruleId = null;
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
            title.setText("Rule not found");
            if (status.getText().isEmpty()) {
                Feedback.error(status, "No rule named '" + name.get() + "'");
            }
            return;
        }
        ruleId = rule.get().ruleId();
        title.setText((editable ? "Edit rule " : "Rule ") + rule.get().name() + " (position " + rule.get().position()
                + ")");
        form.setRule(rule.get().definition(), rule.get().kind());
        form.setEditable(editable);
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

    private void backToList() {
        getUI().ifPresent(ui -> ui.navigate(RulesPage.class));
    }
}
