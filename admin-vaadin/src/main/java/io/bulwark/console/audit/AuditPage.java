package io.bulwark.console.audit;

import io.bulwark.console.kit.Roles;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.console.shell.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/**
 * The console's log section: the audit log (what administrators did, and every login) and the event
 * log (what the system did or suffered), one tab each. Mail traffic stays in Message tracking. All
 * roles may read it.
 *
 * <p>Element ids for browser tests: the tabs {@value #AUDIT_TAB_ID} and {@value #EVENT_TAB_ID}; the
 * rest are on {@link AuditLogView} and {@link EventLogView}. One instance per browser tab; UI thread.
 */
@Nav(section = Nav.Section.LOGS, title = "Logs", icon = VaadinIcon.CLIPBOARD_TEXT, order = 10)
@Route(value = AuditPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Logs")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class AuditPage extends VerticalLayout {

    public static final String ROUTE = "audit";
    public static final String AUDIT_TAB_ID = "tab-audit-log";
    public static final String EVENT_TAB_ID = "tab-event-log";

    private final AuditLogView auditLog;
    private final EventLogView eventLog;

    public AuditPage(AuditClient client) {
        setSizeFull();
        auditLog = new AuditLogView(client);
        eventLog = new EventLogView(client);
        TabSheet tabs = new TabSheet();
        Tab audit = tabs.add("Audit log", auditLog);
        audit.setId(AUDIT_TAB_ID);
        Tab events = tabs.add("Event log", eventLog);
        events.setId(EVENT_TAB_ID);
        tabs.setSizeFull();
        add(tabs);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        auditLog.refresh();
        eventLog.refresh();
    }

    AuditLogView auditLog() {
        return auditLog;
    }

    EventLogView eventLog() {
        return eventLog;
    }
}
