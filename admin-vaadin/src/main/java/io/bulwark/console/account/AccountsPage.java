package io.bulwark.console.account;

import io.bulwark.console.kit.Dialogs;
import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.admin.account.AccountAdministration.AccountView;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.admin.AdminRole;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Accounts (ADMINISTRATOR only): the list (name, role, enabled, must change password, password
 * changed), a dialog to create one (name, role, first password, which its owner must change), and
 * for the selected account: set password, disable or enable, delete. Every change is an audited
 * event in the backend; refusals (the last administrator, one's own account, weak passwords) come
 * back as the backend words them.
 *
 * <p>Element ids: see the constants. One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.SETTINGS, title = "Accounts", icon = VaadinIcon.USERS, order = 40)
@Route(value = AccountsPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Accounts")
@RolesAllowed(Roles.ADMINISTRATOR)
public class AccountsPage extends VerticalLayout {
    public static final String ROUTE = "accounts";
    public static final String GRID_ID = "accounts-grid";
    public static final String STATUS_ID = "accounts-status";
    public static final String CREATE_ID = "accounts-create";
    public static final String USERNAME_ID = "accounts-username";
    public static final String ROLE_ID = "accounts-role";
    public static final String PASSWORD_ID = "accounts-password";
    public static final String SAVE_ID = "accounts-save";
    public static final String RESET_ID = "accounts-reset";
    public static final String TOGGLE_ID = "accounts-toggle";
    public static final String DELETE_ID = "accounts-delete";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final AccountsClient client;
    private final Grid<AccountView> grid = new Grid<>(AccountView.class, false);
    private final Span status = new Span();
    private final Button reset = button(RESET_ID, "Set password", VaadinIcon.KEY);
    private final Button toggle = button(TOGGLE_ID, "Disable", VaadinIcon.BAN);
    private final Button delete = button(DELETE_ID, "Delete", VaadinIcon.TRASH);

    public AccountsPage(AccountsClient client) {
        this.client = client;
        setSizeFull();
        status.setId(STATUS_ID);
        Button create = button(CREATE_ID, "New account", VaadinIcon.PLUS);
        create.addClickListener(click -> createDialog().open());
        reset.addClickListener(click -> selected().ifPresent(a -> passwordDialog(a).open()));
        toggle.addClickListener(click -> selected().ifPresent(this::toggle));
        delete.addClickListener(click -> selected().ifPresent(this::delete));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        grid.setId(GRID_ID);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(AccountView::username).setHeader("Account");
        grid.addColumn(AccountView::role).setHeader("Role").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(a -> a.enabled() ? "enabled" : "disabled").setHeader("State").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(a -> a.mustChangePassword() ? "must change" : "").setHeader("Password").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(a -> TIME.format(a.passwordChangedAt())).setHeader("Password set (UTC)").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addSelectionListener(selection -> showSelected());
        add(new HorizontalLayout(create, reset, toggle, delete), grid, status);
        expand(grid);
        showSelected();
    }

    private static Button button(String id, String text, VaadinIcon icon) {
        Button button = new Button(text, icon.create());
        button.setId(id);
        return button;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    void refresh() {
        grid.setItems(client.all());
        showSelected();
    }

    private Optional<AccountView> selected() {
        return grid.getSelectedItems().stream().findFirst();
    }

    private void showSelected() {
        Optional<AccountView> selected = selected();
        reset.setEnabled(selected.isPresent());
        toggle.setEnabled(selected.isPresent());
        delete.setEnabled(selected.isPresent());
        toggle.setText(selected.map(a -> a.enabled() ? "Disable" : "Enable").orElse("Disable"));
    }

    Dialog createDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New account");
        TextField username = new TextField("Account name");
        username.setId(USERNAME_ID);
        Select<String> role = new Select<>();
        role.setId(ROLE_ID);
        role.setLabel("Role");
        role.setItems(Arrays.stream(AdminRole.values()).map(Enum::name).toList());
        role.setValue(AdminRole.HELPDESK.name());
        PasswordField password = new PasswordField("First password (the owner changes it at first sign-in)");
        password.setId(PASSWORD_ID);
        Button save = Dialogs.confirm("Create", SAVE_ID, false, () -> {
            if (attempt(() -> client.create(username.getValue().strip(), role.getValue(), password.getValue()),
                    "Account " + username.getValue().strip() + " created")) {
                dialog.close();
            }
        });
        dialog.add(new VerticalLayout(username, role, password));
        dialog.getFooter().add(Dialogs.cancel(dialog), save);
        return dialog;
    }

    private Dialog passwordDialog(AccountView account) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Set the password of " + account.username());
        PasswordField password = new PasswordField("New password (the owner must change it)");
        password.setId(PASSWORD_ID);
        Button save = new Button("Set", click -> {
            if (attempt(() -> client.resetPassword(account.username(), password.getValue()),
                    "Password of " + account.username() + " set")) {
                dialog.close();
            }
        });
        save.setId(SAVE_ID);
        dialog.add(password);
        dialog.getFooter().add(Dialogs.cancel(dialog), save);
        return dialog;
    }

    private void toggle(AccountView account) {
        if (account.enabled()) {
            attempt(() -> client.disable(account.username()), account.username() + " disabled");
        } else {
            attempt(() -> client.enable(account.username()), account.username() + " enabled");
        }
    }

    private void delete(AccountView account) {
        attempt(() -> client.delete(account.username()), account.username() + " deleted");
    }

    private boolean attempt(Runnable action, String done) {
        try {
            action.run();
        } catch (RuntimeException e) {
            StatusLine.error(status, e.getMessage());
            return false;
        }
        StatusLine.success(status, done);
        refresh();
        return true;
    }
}
