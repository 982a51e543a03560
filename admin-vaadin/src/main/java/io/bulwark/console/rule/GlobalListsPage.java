package io.bulwark.console.rule;

import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.GlobalListsView;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The global allow and deny lists, checked before any rule: one grid per list with add and remove,
 * and the deny list's action (Reject or Delete message). Read-only for helpdesk and auditors (the
 * {@link RulesClient} refuses their changes anyway).
 *
 * <p>Element ids, with {@code <list>} = {@code allow} or {@code deny}: {@code lists-<list>-grid},
 * {@code lists-<list>-type}, {@code lists-<list>-value}, {@code lists-<list>-add},
 * {@code lists-<list>-remove} (removes the selected entry), {@value #DENY_ACTION_ID},
 * {@value #STATUS_ID}.
 *
 * <p>One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.PROTECTION, title = "Global lists", icon = VaadinIcon.LIST, order = 20)
@Route(value = GlobalListsPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Global lists")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class GlobalListsPage extends VerticalLayout {

    public static final String ROUTE = "lists";
    public static final String DENY_ACTION_ID = "lists-deny-action";
    public static final String STATUS_ID = "lists-status";

    private final RulesClient client;
    private final boolean editable;
    private final Map<GlobalListKind, Grid<GlobalListEntry>> grids = new EnumMap<>(GlobalListKind.class);
    private final Select<Action> denyAction = new Select<>();
    private final Span status = new Span();
    private GlobalListsView lists = GlobalListsView.empty();

    public GlobalListsPage(RulesClient client) {
        this.client = client;
        this.editable = client.canChange();
        status.setId(STATUS_ID);
        add(status);
        add(section(GlobalListKind.ALLOW, "Allow list",
                "Anti-Spam does not run for these senders; all other modules still do."));
        add(section(GlobalListKind.DENY, "Deny list",
                "Mail from these senders is refused without scanning, for all recipients. "
                        + "A sender on both lists is treated as denied."));
        denyAction.setId(DENY_ACTION_ID);
        denyAction.setLabel("Deny list action");
        denyAction.setItems(Action.REJECT, Action.DELETE_MESSAGE);
        denyAction.setItemLabelGenerator(Labels::action);
        denyAction.setHelperText("Use Delete message when Bulwark is behind another relay (no backscatter).");
        denyAction.setReadOnly(!editable);
        denyAction.setValue(lists.denyAction());
        // Only a choice that differs from the stored action is a change (refresh sets it too).
        denyAction.addValueChangeListener(change -> {
            if (change.getValue() != null && change.getValue() != lists.denyAction()) {
                GlobalListsView updated = Feedback.attempt(status, () -> client.setDenyAction(change.getValue()));
                if (updated != null) {
                    show(updated);
                    Feedback.success(status, "Deny list action: " + Labels.action(updated.denyAction()));
                } else {
                    denyAction.setValue(lists.denyAction());
                }
            }
        });
        add(denyAction);
    }

    private VerticalLayout section(GlobalListKind kind, String title, String explanation) {
        String prefix = "lists-" + kind.name().toLowerCase(Locale.ROOT);
        Grid<GlobalListEntry> grid = new Grid<>(GlobalListEntry.class, false);
        grid.setId(prefix + "-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(entry -> Labels.entryType(entry.type())).setKey("type").setHeader("Type").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(GlobalListEntry::value).setKey("value").setHeader("Entry");
        grid.setAllRowsVisible(true);
        grids.put(kind, grid);

        Select<GlobalListEntryType> type = new Select<>();
        type.setId(prefix + "-type");
        type.setLabel("Type");
        type.setItems(GlobalListEntryType.values());
        type.setItemLabelGenerator(Labels::entryType);
        type.setValue(GlobalListEntryType.ADDRESS);
        TextField value = new TextField("Entry");
        value.setId(prefix + "-value");
        value.setPlaceholder("*@example.com or 192.0.2.0/24");
        Button add = new Button("Add", VaadinIcon.PLUS.create(), click -> {
            if (value.getValue().isBlank()) {
                Feedback.error(status, "Enter an address pattern or an IP network");
                return;
            }
            GlobalListsView updated = Feedback.attempt(status,
                    () -> client.addEntry(kind, new GlobalListEntry(type.getValue(), value.getValue())));
            if (updated != null) {
                show(updated);
                Feedback.success(status, "Added " + value.getValue().strip() + " to the " + title.toLowerCase(Locale.ROOT));
                value.clear();
            }
        });
        add.setId(prefix + "-add");
        Button remove = new Button("Remove selected", VaadinIcon.TRASH.create(), click ->
                grid.getSelectedItems().stream().findFirst().ifPresent(entry -> {
                    GlobalListsView updated = Feedback.attempt(status, () -> client.removeEntry(kind, entry));
                    if (updated != null) {
                        show(updated);
                        Feedback.success(status, "Removed " + entry.value());
                    }
                }));
        remove.setId(prefix + "-remove");
        remove.setEnabled(false);
        grid.addSelectionListener(selection -> remove.setEnabled(!selection.getAllSelectedItems().isEmpty()));
        HorizontalLayout controls = new HorizontalLayout(type, value, add, remove);
        controls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        controls.setVisible(editable);
        VerticalLayout section = new VerticalLayout(new H3(title), new Paragraph(explanation), grid, controls);
        section.setPadding(false);
        return section;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    /** Reloads both lists and the deny action. */
    void refresh() {
        GlobalListsView loaded = Feedback.attempt(status, client::lists);
        if (loaded != null) {
            show(loaded);
        }
    }

    private void show(GlobalListsView view) {
        lists = view;
        grids.forEach((kind, grid) -> grid.setItems(view.entries(kind)));
        denyAction.setValue(view.denyAction());
    }
}
