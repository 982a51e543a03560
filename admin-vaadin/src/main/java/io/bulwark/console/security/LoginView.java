package io.bulwark.console.security;

import io.bulwark.console.kit.NotInNavigation;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * The sign-in page at route {@value #ROUTE}. The form posts to Spring Security's form login
 * (configured by {@link ConsoleSecurityConfiguration}); a failed attempt comes back with
 * {@code ?error} and shows the form's error message.
 *
 * <p>Element ids for browser tests: the form is {@value #FORM_ID}; its inputs are the
 * {@code vaadin-login-form}'s own {@code input[name='username']} and
 * {@code input[name='password']}, and its submit button is the form's {@code vaadin-button}.
 */
@NotInNavigation("the sign-in page, outside the console frame")
@Route(LoginView.ROUTE)
@PageTitle("Bulwark · Sign in")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    /** Route of the view, also the form's action. */
    public static final String ROUTE = "login";
    /** Id of the login form. */
    public static final String FORM_ID = "login-form";

    private final LoginForm form = new LoginForm();

    public LoginView() {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Bulwark");
        i18n.getErrorMessage().setTitle("Sign-in failed");
        i18n.getErrorMessage().setMessage("Check the username and password, then try again.");
        form.setI18n(i18n);
        form.setId(FORM_ID);
        form.setAction(ROUTE);
        form.setForgotPasswordButtonVisible(false);
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        add(form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
