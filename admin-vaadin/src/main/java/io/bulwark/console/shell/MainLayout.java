package io.bulwark.console.shell;

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
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.bulwark.console.audit.AuditPage;
import io.bulwark.console.backup.BackupPage;
import io.bulwark.console.queue.QueuePage;
import io.bulwark.console.rule.GlobalListsPage;
import io.bulwark.console.rule.RulesPage;
import io.bulwark.console.dkim.DkimKeysPage;
import io.bulwark.console.tls.CertificatesPage;
import io.bulwark.console.tracking.MessageTrackingPage;
import jakarta.annotation.security.PermitAll;

/**
 * The console's frame: header (title, signed-in user, sign-out) and the navigation drawer. Each
 * console area adds one {@link SideNavItem} here (queue, backup, ... as they arrive); the
 * item's target view decides who may open it.
 *
 * <p>One instance per browser tab (Vaadin creates it for each UI).
 */
@PermitAll
public class MainLayout extends AppLayout {

    /** Id of the navigation. */
    public static final String NAV_ID = "main-nav";
    /** Id of the sign-out button. */
    public static final String LOGOUT_ID = "logout";

    public MainLayout(AuthenticationContext authentication) {
        H1 title = new H1("Bulwark");
        title.setId("app-title");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

        Span user = new Span(authentication.getPrincipalName().orElse(""));
        user.setId("current-user");
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        logout.setId(LOGOUT_ID);
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, user, logout);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.setId(NAV_ID);
        nav.addItem(new SideNavItem("Message tracking", MessageTrackingPage.class, VaadinIcon.ENVELOPE.create()));
        nav.addItem(new SideNavItem("Rules", RulesPage.class, VaadinIcon.FILTER.create()));
        nav.addItem(new SideNavItem("Global lists", GlobalListsPage.class, VaadinIcon.LIST.create()));
        nav.addItem(new SideNavItem("Message queue", QueuePage.class, VaadinIcon.TIME_FORWARD.create()));
        nav.addItem(new SideNavItem("Certificates", CertificatesPage.class, VaadinIcon.LOCK.create()));
        nav.addItem(new SideNavItem("DKIM keys", DkimKeysPage.class, VaadinIcon.KEY.create()));
        nav.addItem(new SideNavItem("Backup", BackupPage.class, VaadinIcon.ARCHIVE.create()));
        nav.addItem(new SideNavItem("Logs", AuditPage.class, VaadinIcon.CLIPBOARD_TEXT.create()));
        addToDrawer(nav);
    }
}
