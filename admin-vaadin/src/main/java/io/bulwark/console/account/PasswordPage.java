package io.bulwark.console.account;

import io.bulwark.console.kit.NotInNavigation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import jakarta.annotation.security.PermitAll;

/**
 * Changing one's own password (current, new, new again). Every account may open it; an account that
 * must change its password is sent here by {@link MainLayout} from every other page until it has.
 *
 * <p>Element ids: see the constants. One instance per browser tab; UI thread only.
 */
@NotInNavigation("linked from the header (\"Password\") for every signed-in user")
@Route(value = PasswordPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Password")
@PermitAll
public class PasswordPage extends VerticalLayout {
    public static final String ROUTE = "password";
    public static final String CURRENT_ID = "password-current";
    public static final String NEW_ID = "password-new";
    public static final String REPEAT_ID = "password-repeat";
    public static final String SAVE_ID = "password-save";
    public static final String STATUS_ID = "password-status";

    private final AccountsClient client;
    private final PasswordField current = field(CURRENT_ID, "Current password");
    private final PasswordField chosen = field(NEW_ID, "New password (at least 12 characters)");
    private final PasswordField repeat = field(REPEAT_ID, "New password again");
    private final Span status = new Span();
    private final Paragraph required = new Paragraph(
            "Your password was generated or set by an administrator. Choose your own before you go on.");

    public PasswordPage(AccountsClient client) {
        this.client = client;
        status.setId(STATUS_ID);
        Button save = new Button("Change password", click -> save());
        save.setId(SAVE_ID);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        required.setVisible(client.mustChangePassword());
        add(new H3("Change your password"), required, current, chosen, repeat, save, status);
    }

    private static PasswordField field(String id, String label) {
        PasswordField field = new PasswordField(label);
        field.setId(id);
        field.setWidth("24em");
        return field;
    }

    /** Checks the repetition here and the rest in the backend; says what is wrong. */
    void save() {
        if (!chosen.getValue().equals(repeat.getValue())) {
            StatusLine.error(status, "The new password and its repetition differ");
            return;
        }
        try {
            client.changeOwnPassword(current.getValue(), chosen.getValue());
        } catch (RuntimeException e) {
            StatusLine.error(status, e.getMessage());
            return;
        }
        current.clear();
        chosen.clear();
        repeat.clear();
        required.setVisible(false);
        StatusLine.success(status, "Password changed");
    }
}
