package io.bulwark.console.cef;

import io.bulwark.console.kit.Roles;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.admin.cef.CefExportHealth;
import io.bulwark.admin.cef.CefExportSettings;
import io.bulwark.admin.cef.InvalidCefSettingsException;
import io.bulwark.admin.cef.syslog.SyslogFacility;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.security.access.AccessDeniedException;

/**
 * The CEF export to a SIEM (issue 14, docs/cef.md): enabled, target ({@code udp|tcp|tls://host:port}),
 * facility, and this node's exporter status (working or failing since when, the last error, records
 * sent). Saving sends the audited command; the fields are read-only for roles other than
 * ADMINISTRATOR, and {@link CefExportClient} refuses them on the server anyway.
 *
 * <p>Element ids: see the constants. One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.SETTINGS, title = "CEF export", icon = VaadinIcon.EXCHANGE, order = 60)
@Route(value = CefExportPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · CEF export")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class CefExportPage extends VerticalLayout {
    public static final String ROUTE = "cef";
    public static final String ENABLED_ID = "cef-enabled";
    public static final String TARGET_ID = "cef-target";
    public static final String FACILITY_ID = "cef-facility";
    public static final String SAVE_ID = "cef-save";
    public static final String STATUS_ID = "cef-status";
    public static final String HEALTH_ID = "cef-health";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final CefExportClient client;
    private final Checkbox enabled = new Checkbox("Send events to the SIEM");
    private final TextField target = new TextField("Syslog target");
    private final ComboBox<String> facility = new ComboBox<>("Facility", SyslogFacility.names());
    private final Button save = new Button("Save");
    private final Span status = new Span();
    private final Span health = new Span();

    public CefExportPage(CefExportClient client) {
        this.client = client;
        enabled.setId(ENABLED_ID);
        target.setId(TARGET_ID);
        target.setPlaceholder("tls://siem.example:6514");
        target.setHelperText("udp://host:port, tcp://host:port (octet counting) or tls://host:port (RFC 5425)");
        target.setWidth("28em");
        facility.setId(FACILITY_ID);
        save.setId(SAVE_ID);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        status.setId(STATUS_ID);
        health.setId(HEALTH_ID);
        boolean canChange = client.canChange();
        enabled.setReadOnly(!canChange);
        target.setReadOnly(!canChange);
        facility.setReadOnly(!canChange);
        save.setVisible(canChange);
        add(new H2("CEF export"), new Paragraph("Every administrative change, login, scanned message and "
                + "system event as a CEF record over syslog, at least once over TCP and TLS (docs/cef.md)."),
                enabled, target, facility, save, status, health);
        show(client.settings());
    }

    private void save() {
        try {
            show(client.change(enabled.getValue(), target.getValue(), facility.getValue()));
            StatusLine.success(status, "Saved");
        } catch (InvalidCefSettingsException | AccessDeniedException e) {
            StatusLine.error(status, e.getMessage());
        } catch (IllegalStateException e) {
            StatusLine.error(status, "Not saved: " + e.getMessage());
        }
    }

    private void show(CefExportSettings settings) {
        enabled.setValue(settings.enabled());
        target.setValue(settings.targetText());
        facility.setValue(settings.facility());
        CefExportHealth.Status s = client.status();
        if (!settings.enabled()) {
            health.setText("Export disabled");
        } else if (s.failing()) {
            health.setText("Failing since " + TIME.format(s.since()) + " UTC (" + s.failedAttempts()
                    + " attempts): " + s.lastError() + ". Records wait and are retried.");
        } else {
            health.setText("Working: " + s.sent() + " records sent by this node"
                    + (s.lastSentAt() == null ? "" : ", last at " + TIME.format(s.lastSentAt()) + " UTC"));
        }
    }
}
