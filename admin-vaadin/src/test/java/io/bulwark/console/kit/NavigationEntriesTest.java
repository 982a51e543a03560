package io.bulwark.console.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import io.bulwark.console.account.AccountsPage;
import io.bulwark.console.account.PasswordPage;
import io.bulwark.console.dashboard.DashboardPage;
import io.bulwark.console.rule.RuleEditorPage;
import io.bulwark.console.setup.SetupWizardPage;
import io.bulwark.events.admin.AdminRole;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The navigation drawer's entries come from the pages' own {@link Nav} annotations: every route
 * declares either an entry or why it has none, and a user sees exactly the pages Vaadin's access
 * checker lets them open.
 */
class NavigationEntriesTest {
    private final NavigationEntries entries = new NavigationEntries();

    private static Predicate<Class<?>> as(AdminRole role) {
        AccessAnnotationChecker checker = new AccessAnnotationChecker();
        Principal principal = () -> "nav-" + role;
        return view -> checker.hasAccess(view, principal, role.name()::equals);
    }

    private static List<String> titles(Map<Nav.Section, List<NavigationEntries.Entry>> sections) {
        return sections.values().stream().flatMap(List::stream).map(e -> e.nav().title()).toList();
    }

    @Test
    void everyRouteHasANavigationEntryOrSaysWhyNot() {
        List<Class<?>> routes = NavigationEntries.routes(NavigationEntries.BASE_PACKAGE);
        assertThat(routes).hasSizeGreaterThan(10);
        assertThat(routes).as("routes with neither @Nav nor @NotInNavigation (add one to the page)")
                .filteredOn(v -> !v.isAnnotationPresent(Nav.class) && !v.isAnnotationPresent(NotInNavigation.class))
                .isEmpty();
        assertThat(routes).as("routes with both").filteredOn(
                v -> v.isAnnotationPresent(Nav.class) && v.isAnnotationPresent(NotInNavigation.class)).isEmpty();
        assertThat(routes).as("a blank reason for leaving a page out").filteredOn(
                v -> v.isAnnotationPresent(NotInNavigation.class) && v.getAnnotation(NotInNavigation.class).value().isBlank())
                .isEmpty();
    }

    @Test
    void collectsThePagesInSectionOrderWithUniqueTitles() {
        List<String> titles = entries.all().stream().map(e -> e.nav().title()).toList();
        assertThat(titles).doesNotHaveDuplicates().startsWith("Dashboard", "Message tracking", "Rules");
        assertThat(entries.all()).extracting(e -> e.nav().section()).isSorted();
        assertThat(entries.all()).extracting(NavigationEntries.Entry::view)
                .contains(DashboardPage.class, AccountsPage.class)
                .doesNotContain(PasswordPage.class, RuleEditorPage.class)
                .allMatch(v -> v.isAnnotationPresent(Route.class));
    }

    @Test
    void aUserSeesOnlyThePagesTheirRoleMayOpen() {
        List<String> administrator = titles(entries.visible(as(AdminRole.ADMINISTRATOR)));
        List<String> auditor = titles(entries.visible(as(AdminRole.AUDITOR)));
        assertThat(administrator).contains("Accounts", "Quick setup", "Dashboard", "Logs");
        assertThat(auditor).contains("Dashboard", "Message tracking", "Logs").doesNotContain("Accounts", "Quick setup");
        assertThat(entries.visible(as(AdminRole.HELPDESK)).values().stream().flatMap(List::stream)
                .map(NavigationEntries.Entry::view)).doesNotContain(AccountsPage.class, SetupWizardPage.class);
        assertThat(entries.visible(v -> false)).isEmpty();
    }

    @Nav(section = Nav.Section.LOGS, title = "Zeta", order = 1)
    static class Late {
    }

    @Nav(section = Nav.Section.MONITORING, title = "Beta", order = 5)
    static class Second {
    }

    @Nav(section = Nav.Section.MONITORING, title = "Alpha", order = 5)
    static class First {
    }

    @Test
    void ordersBySectionThenOrderThenTitleAndIgnoresClassesWithoutAnEntry() {
        NavigationEntries some = new NavigationEntries(List.of(Late.class, Second.class, String.class, First.class));
        assertThat(some.all()).extracting(e -> e.nav().title()).containsExactly("Alpha", "Beta", "Zeta");
        assertThat(some.visible(v -> v != Second.class)).containsOnlyKeys(Nav.Section.MONITORING, Nav.Section.LOGS);
    }
}
