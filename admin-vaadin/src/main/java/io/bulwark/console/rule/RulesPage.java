package io.bulwark.console.rule;

import io.bulwark.console.kit.Dialogs;
import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.scan.ProtectionModule;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The message processing rules in matching order, with the actions on the selected rule: New,
 * Edit (View for read-only users), Copy, Delete, Move up/down, Enable/Disable, and an enabled
 * switch per row. Helpdesk and auditors see the list without the changing controls; the
 * {@link RulesClient} refuses their changes anyway.
 *
 * <p>Element ids: {@value #GRID_ID}, {@value #NEW_ID}, {@value #EDIT_ID}, {@value #COPY_ID},
 * {@value #DELETE_ID}, {@value #UP_ID}, {@value #DOWN_ID}, {@value #ENABLE_ID}, {@value #DISABLE_ID},
 * {@value #STATUS_ID}; the row switch {@code rule-enabled-<position>}; in the dialogs
 * {@value #COPY_NAME_ID}, {@value #COPY_CONFIRM_ID} and {@value #DELETE_CONFIRM_ID}.
 *
 * <p>One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.PROTECTION, title = "Rules", icon = VaadinIcon.FILTER, order = 10)
@Route(value = RulesPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Rules")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class RulesPage extends VerticalLayout {

    public static final String ROUTE = "rules";
    public static final String GRID_ID = "rules-grid";
    public static final String NEW_ID = "rule-new";
    public static final String EDIT_ID = "rule-edit";
    public static final String COPY_ID = "rule-copy";
    public static final String DELETE_ID = "rule-delete";
    public static final String UP_ID = "rule-up";
    public static final String DOWN_ID = "rule-down";
    public static final String ENABLE_ID = "rule-enable";
    public static final String DISABLE_ID = "rule-disable";
    public static final String STATUS_ID = "rules-status";
    public static final String COPY_NAME_ID = "rule-copy-name";
    public static final String COPY_CONFIRM_ID = "rule-copy-confirm";
    public static final String DELETE_CONFIRM_ID = "rule-delete-confirm";
    /** Longest criteria summary shown in a cell; the editor shows all. */
    static final int SUMMARY_LENGTH = 60;

    private final RulesClient client;
    private final boolean editable;
    private final Grid<RuleView> grid = new Grid<>(RuleView.class, false);
    private final Button create = button(NEW_ID, "New", VaadinIcon.PLUS);
    private final Button edit = button(EDIT_ID, "Edit", VaadinIcon.EDIT);
    private final Button copy = button(COPY_ID, "Copy", VaadinIcon.COPY);
    private final Button delete = button(DELETE_ID, "Delete", VaadinIcon.TRASH);
    private final Button up = button(UP_ID, "Move up", VaadinIcon.ARROW_UP);
    private final Button down = button(DOWN_ID, "Move down", VaadinIcon.ARROW_DOWN);
    private final Button enable = button(ENABLE_ID, "Enable", VaadinIcon.CHECK);
    private final Button disable = button(DISABLE_ID, "Disable", VaadinIcon.BAN);
    private final Span status = new Span();
    private List<RuleView> rules = List.of();

    public RulesPage(RulesClient client) {
        this.client = client;
        this.editable = client.canChange();
        setSizeFull();
        status.setId(STATUS_ID);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> navigateToEditor(null));
        edit.setText(editable ? "Edit" : "View");
        edit.addClickListener(click -> selected().ifPresent(this::navigateToEditor));
        copy.addClickListener(click -> selected().ifPresent(rule -> copyDialog(rule).open()));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClickListener(click -> selected().ifPresent(rule -> deleteDialog(rule).open()));
        up.addClickListener(click -> selected().ifPresent(rule -> change(rule.ruleId(),
                () -> client.move(rule.ruleId(), rule.position() - 1))));
        down.addClickListener(click -> selected().ifPresent(rule -> change(rule.ruleId(),
                () -> client.move(rule.ruleId(), rule.position() + 1))));
        enable.addClickListener(click -> selected().ifPresent(rule -> change(rule.ruleId(),
                () -> client.enable(rule.ruleId()))));
        disable.addClickListener(click -> selected().ifPresent(rule -> change(rule.ruleId(),
                () -> client.disable(rule.ruleId()))));
        Stream.of(create, copy, delete, up, down, enable, disable).forEach(b -> b.setVisible(editable));
        HorizontalLayout toolbar = new HorizontalLayout(create, edit, copy, delete, up, down, enable, disable);
        toolbar.setWrap(true);
        configureGrid();
        add(toolbar, status, grid);
        updateButtons();
    }

    private static Button button(String id, String text, VaadinIcon icon) {
        Button button = new Button(text, icon.create());
        button.setId(id);
        return button;
    }

    private void configureGrid() {
        grid.setId(GRID_ID);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(RuleView::position).setKey("position").setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(RuleView::name).setKey("name").setHeader("Name").setAutoWidth(true);
        grid.addComponentColumn(this::enabledSwitch).setKey("enabled").setHeader("Enabled").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(rule -> Labels.mode(rule.definition().mode())).setKey("mode").setHeader("Mode")
                .setAutoWidth(true);
        grid.addColumn(rule -> senders(rule.definition())).setKey("senders").setHeader("Senders");
        grid.addColumn(rule -> summary(rule.definition().recipients().addresses())).setKey("recipients")
                .setHeader("Recipients");
        grid.addColumn(rule -> modulesOn(rule.definition())).setKey("modules").setHeader("Modules on");
        grid.addSelectionListener(selection -> updateButtons());
        grid.addItemDoubleClickListener(click -> navigateToEditor(click.getItem()));
    }

    /** The row's on/off switch: a direct Enable/Disable, locked for Default and read-only users. */
    private Checkbox enabledSwitch(RuleView rule) {
        Checkbox on = new Checkbox(rule.enabled());
        on.setId("rule-enabled-" + rule.position());
        on.setAriaLabel("Rule " + rule.name() + " enabled");
        on.setReadOnly(!editable || rule.kind() == RuleKind.DEFAULT);
        on.addValueChangeListener(change -> {
            if (Boolean.TRUE.equals(change.getValue()) != rule.enabled()) {
                change(rule.ruleId(), () -> Boolean.TRUE.equals(change.getValue()) ? client.enable(rule.ruleId())
                        : client.disable(rule.ruleId()));
            }
        });
        return on;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    /** Reloads the list, keeping the selection on the same rule (by id) where it still exists. */
    void refresh() {
        String selectedId = selected().map(RuleView::ruleId).orElse(null);
        List<RuleView> loaded = Feedback.attempt(status, client::rules);
        if (loaded != null) {
            show(loaded, selectedId);
        }
    }

    private void show(List<RuleView> loaded, String selectId) {
        rules = loaded;
        grid.setItems(rules);
        rules.stream().filter(r -> r.ruleId().equals(selectId)).findFirst().ifPresent(grid::select);
        updateButtons();
    }

    /** Runs a change of one rule, then reloads and keeps that rule selected; refusals are shown. */
    private void change(String ruleId, Supplier<?> call) {
        if (Feedback.attempt(status, call) != null) {
            status.setText("");
            List<RuleView> loaded = Feedback.attempt(status, client::rules);
            if (loaded != null) {
                show(loaded, ruleId);
            }
        } else {
            // Undo the optimistic state of a row switch the backend refused.
            grid.getDataProvider().refreshAll();
        }
    }

    /** The dialog asking for the copy's name. */
    Dialog copyDialog(RuleView rule) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Copy rule " + rule.name());
        TextField name = new TextField("Name of the copy");
        name.setId(COPY_NAME_ID);
        name.setValue(rule.name() + " (copy)");
        name.setWidthFull();
        Span hint = new Span("The copy goes to the top, disabled, until you have edited and enabled it.");
        Button confirm = Dialogs.confirm("Copy", COPY_CONFIRM_ID, false, () -> {
            RuleView created = Feedback.attempt(status, () -> client.copy(rule.ruleId(), name.getValue()));
            if (created != null) {
                dialog.close();
                Feedback.success(status, "Copied to " + created.name());
                List<RuleView> loaded = Feedback.attempt(status, client::rules);
                if (loaded != null) {
                    show(loaded, created.ruleId());
                }
            }
        });
        dialog.add(new VerticalLayout(name, hint));
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm);
        return dialog;
    }

    /** The dialog confirming a deletion. */
    Dialog deleteDialog(RuleView rule) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Delete rule " + rule.name() + "?");
        dialog.add(new Span("The rule is removed from the list. Its history stays in the audit log."));
        Button confirm = Dialogs.confirm("Delete", DELETE_CONFIRM_ID, true, () -> {
            List<RuleView> remaining = Feedback.attempt(status, () -> client.delete(rule.ruleId()));
            dialog.close();
            if (remaining != null) {
                Feedback.success(status, "Deleted rule " + rule.name());
                grid.deselectAll();
                show(remaining, null);
            }
        });
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm);
        return dialog;
    }

    private Optional<RuleView> selected() {
        return grid.getSelectedItems().stream().findFirst();
    }

    /** Enables only what the aggregate would accept for the selected rule. */
    private void updateButtons() {
        Optional<RuleView> rule = selected();
        boolean any = rule.isPresent();
        boolean isDefault = rule.map(r -> r.kind() == RuleKind.DEFAULT).orElse(false);
        int lastMovable = rules.size() - 2;
        edit.setEnabled(any);
        copy.setEnabled(any);
        delete.setEnabled(any && !isDefault);
        up.setEnabled(any && !isDefault && rule.get().position() > 0);
        down.setEnabled(any && !isDefault && rule.get().position() < lastMovable);
        enable.setEnabled(any && !rule.get().enabled());
        disable.setEnabled(any && !isDefault && rule.get().enabled());
    }

    private void navigateToEditor(RuleView rule) {
        getUI().ifPresent(ui -> {
            if (rule == null) {
                ui.navigate(RuleEditorPage.class);
            } else {
                // A name with '/' cannot travel as one path segment; the editor accepts the id too.
                String key = rule.name().contains("/") ? rule.ruleId() : rule.name();
                ui.navigate(RuleEditorPage.class, new RouteParameters(RuleEditorPage.PARAMETER, key));
            }
        });
    }

    /** Addresses and networks, comma separated, cut to {@link #SUMMARY_LENGTH}. */
    static String senders(RuleDefinition definition) {
        return summary(Stream.concat(definition.senders().addresses().stream(),
                definition.senders().networks().stream()).toList());
    }

    static String summary(List<String> entries) {
        if (entries.isEmpty()) {
            return "(none)";
        }
        String text = String.join(", ", entries);
        return text.length() <= SUMMARY_LENGTH ? text : text.substring(0, SUMMARY_LENGTH - 1) + "…";
    }

    /** The modules the rule runs; "-" when its mode scans nothing, "(none)" when all are off. */
    static String modulesOn(RuleDefinition definition) {
        if (definition.mode() != RuleMode.SCAN) {
            return "-";
        }
        String on = Arrays.stream(ProtectionModule.values()).filter(definition::moduleEnabled)
                .map(Labels::module).collect(Collectors.joining(", "));
        return on.isEmpty() ? "(none)" : on;
    }
}
