package io.bulwark.console.shell;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.RouterLink;
import io.bulwark.console.account.AccountsClient;
import io.bulwark.console.account.AccountsPage;
import io.bulwark.console.account.PasswordPage;
import com.vaadin.flow.component.applayout.AppLayout;
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
import io.bulwark.console.antivirus.AntivirusPage;
import io.bulwark.console.audit.AuditPage;
import io.bulwark.console.backup.BackupPage;
import io.bulwark.console.cef.CefExportPage;
import io.bulwark.console.queue.QueuePage;
import io.bulwark.console.rule.GlobalListsPage;
import io.bulwark.console.rule.RulesPage;
import io.bulwark.console.dkim.DkimKeysPage;
import io.bulwark.console.history.HistoryPage;
import io.bulwark.console.licence.LicenceBanner;
import io.bulwark.console.licence.LicenceClient;
import io.bulwark.console.licence.LicencePage;
import io.bulwark.console.tls.CertificatesPage;
import io.bulwark.console.tracking.MessageTrackingPage;
import io.bulwark.console.dashboard.DashboardPage;
import io.bulwark.console.setup.SetupClient;
import io.bulwark.console.setup.SetupWizardPage;
import jakarta.annotation.security.PermitAll;

/**
 * The console's frame: header (title, the licence warning banner when the licence needs attention,
 * signed-in user, sign-out) and the navigation drawer. Each
 * console area adds one {@link SideNavItem} here (queue, backup, ... as they arrive); the
 * item's target view decides who may open it.
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
            SetupClient setup) {
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

        SideNav nav = new SideNav();
        nav.setId(NAV_ID);
        nav.addItem(new SideNavItem("Dashboard", DashboardPage.class, VaadinIcon.DASHBOARD.create()));
        nav.addItem(new SideNavItem("Message tracking", MessageTrackingPage.class, VaadinIcon.ENVELOPE.create()));
        nav.addItem(new SideNavItem("Rules", RulesPage.class, VaadinIcon.FILTER.create()));
        nav.addItem(new SideNavItem("Global lists", GlobalListsPage.class, VaadinIcon.LIST.create()));
        nav.addItem(new SideNavItem("DNS block lists", io.bulwark.console.antispam.DnsListsPage.class,
                VaadinIcon.BAN.create()));
        nav.addItem(new SideNavItem("Message queue", QueuePage.class, VaadinIcon.TIME_FORWARD.create()));
        nav.addItem(new SideNavItem("Certificates", CertificatesPage.class, VaadinIcon.LOCK.create()));
        nav.addItem(new SideNavItem("DKIM keys", DkimKeysPage.class, VaadinIcon.KEY.create()));
        nav.addItem(new SideNavItem("Backup", BackupPage.class, VaadinIcon.ARCHIVE.create()));
        if (accounts.canManage()) {
            nav.addItem(new SideNavItem("Quick setup", SetupWizardPage.class, VaadinIcon.MAGIC.create()));
            nav.addItem(new SideNavItem("Accounts", AccountsPage.class, VaadinIcon.USERS.create()));
        }
        nav.addItem(new SideNavItem("History", HistoryPage.class, VaadinIcon.SHIELD.create()));
        nav.addItem(new SideNavItem("Anti-virus databases", AntivirusPage.class, VaadinIcon.SHIELD.create()));
        nav.addItem(new SideNavItem("CEF export", CefExportPage.class, VaadinIcon.EXCHANGE.create()));
        nav.addItem(new SideNavItem("Licence", LicencePage.class, VaadinIcon.DIPLOMA.create()));
        nav.addItem(new SideNavItem("Logs", AuditPage.class, VaadinIcon.CLIPBOARD_TEXT.create()));
        nav.addItem(new SideNavItem("Reports", io.bulwark.console.report.ReportsPage.class,
                VaadinIcon.CHART.create()));
        addToDrawer(nav);
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
