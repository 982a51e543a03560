package io.bulwark.console.kit;

import com.vaadin.flow.component.icon.VaadinIcon;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a console page ({@code @Route} with {@code layout = MainLayout.class}) in the navigation
 * drawer: the shell's {@link NavigationEntries} finds every page with this annotation, so a new page
 * needs no layout edit. Who sees the entry is who may open the page: the page's own
 * {@code @RolesAllowed}/{@code @PermitAll}, judged by Vaadin's access checker, so roles are written
 * once. A page reached only from another page says so with {@link NotInNavigation} instead;
 * {@code NavigationEntriesTest} fails for a route with neither.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Nav {

    /** The group of the drawer the entry is listed in. */
    Section section();

    /** The entry's text, in the words admins know (the browser ITs click it by this text). */
    String title();

    /** The entry's icon. */
    VaadinIcon icon() default VaadinIcon.CIRCLE_THIN;

    /** Position within its section, lowest first; ties are ordered by title. Leave gaps (10, 20, ...). */
    int order() default 100;

    /** The drawer's groups, in display order. */
    enum Section {
        /** What is happening now: dashboard, message tracking. */
        MONITORING("Monitoring"),
        /** What is scanned and how: rules, lists, module databases. */
        PROTECTION("Protection"),
        /** Messages held by the gateway: queue, Backup. */
        MAIL("Mail"),
        /** Keys, certificates, routing, accounts, licence, exports. */
        SETTINGS("Settings"),
        /** What happened: logs, the event history, reports. */
        LOGS("Logs");

        private final String label;

        Section(String label) {
            this.label = label;
        }

        /** The group's heading in the drawer. */
        public String label() {
            return label;
        }
    }
}
