package io.bulwark.console.shell;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.RouterLink;
import io.bulwark.console.account.AccountsClient;
import io.bulwark.console.account.PasswordPage;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import io.bulwark.console.kit.NavigationEntries;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.bulwark.console.licence.LicenceBanner;
import io.bulwark.console.licence.LicenceClient;
import io.bulwark.console.dashboard.DashboardPage;
import io.bulwark.console.setup.SetupClient;
import io.bulwark.console.setup.SetupWizardPage;
import jakarta.annotation.security.PermitAll;

/**
 * The console's frame: header (title, the licence warning banner when the licence needs attention,
 * signed-in user, sign-out) and the navigation drawer. The drawer lists the pages annotated with
 * {@link io.bulwark.console.kit.Nav} ({@link NavigationEntries}), one labelled {@link SideNav} per
 * section, showing only the pages the signed-in user may open (Vaadin's access checker over the
 * page's own role annotations, the check its router applies). A new page needs no edit here.
 *
 * <p>One instance per browser tab (Vaadin creates it for each UI).
 */
@PermitAll
public class MainLayout extends AppLayout implements BeforeEnterObserver, AfterNavigationObserver {

    /** Id of the navigation. */
    public static final String NAV_ID = "main-nav";
    /** Id of the sign-out button. */
    public static final String LOGOUT_ID = "logout";

    private final AccountsClient accounts;
    private final LicenceBanner banner;
    private final SetupClient setup;

    public MainLayout(AuthenticationContext authentication, AccountsClient accounts, LicenceClient licence,
            SetupClient setup, NavigationEntries navigation) {
        this.accounts = accounts;
        this.setup = setup;
        H1 title = new H1("Bulwark");
        title.setId("app-title");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

        Span user = new Span(authentication.getPrincipalName().orElse("")
                + accounts.me().map(a -> " (" + a.role() + ")").orElse(""));
        user.setId("current-user");
        RouterLink password = new RouterLink("Password", PasswordPage.class);
        password.setId("change-password");
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        logout.setId(LOGOUT_ID);
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        banner = new LicenceBanner(licence);
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, banner, user, password, logout);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(header);

        Div drawer = new Div();
        drawer.setId(NAV_ID);
        AccessAnnotationChecker access = new AccessAnnotationChecker();
        navigation.visible(access::hasAccess).forEach((section, entries) -> {
            SideNav nav = new SideNav(section.label());
            nav.setId(NAV_ID + "-" + section.name().toLowerCase(java.util.Locale.ROOT));
            for (NavigationEntries.Entry entry : entries) {
                @SuppressWarnings("unchecked")
                Class<? extends Component> view = (Class<? extends Component>) entry.view();
                nav.addItem(new SideNavItem(entry.nav().title(), view, entry.nav().icon().create()));
            }
            drawer.add(nav);
        });
        addToDrawer(drawer);
    }

    /**
     * An account that must change its password (generated at the first start, or set by an
     * administrator) sees only the password page until it has. Then an administrator of an
     * installation without routing settings ({@link SetupClient#needsSetup()}) is sent from the home
     * page to the Quick Setup Wizard; every other page stays reachable.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getNavigationTarget() != PasswordPage.class && accounts.mustChangePassword()) {
            event.rerouteTo(PasswordPage.class);
        } else if (event.getNavigationTarget() == DashboardPage.class && accounts.canManage() && setup.needsSetup()) {
            // an unconfigured installation opens on the Quick Setup Wizard (ADR 0023)
            event.rerouteTo(SetupWizardPage.class);
        }
    }

    /** The licence warning follows every navigation (a key may have expired or been renewed meanwhile). */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        banner.refresh();
    }
}
