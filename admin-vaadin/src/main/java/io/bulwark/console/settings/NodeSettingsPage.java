package io.bulwark.console.settings;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.admin.settings.AreaAdministration;
import io.bulwark.admin.settings.InvalidSettingsException;
import io.bulwark.console.kit.Nav;
import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.settings.DnsServerSettings;
import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.MtaSettings;
import io.bulwark.events.settings.TlsPolicySettings;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;

/**
 * The node settings every gateway applies without restart (issue "Administration"): inbound and
 * outbound TLS policies, MTA limits, the global module switches and the DNS resolvers. Each section
 * saves its area as one audited change and shows where the values come from (the properties until
 * the first change, then who changed them when). Read-only for roles other than ADMINISTRATOR, and
 * {@link NodeSettingsClient} refuses them on the server anyway.
 *
 * <p>Element ids: see the constants. One instance per browser tab; UI thread only.
 */
@Route(value = NodeSettingsPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Node settings")
@Nav(section = Nav.Section.SETTINGS, title = "Node settings", icon = VaadinIcon.COG, order = 15)
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class NodeSettingsPage extends VerticalLayout {
    public static final String ROUTE = "settings";
    public static final String TLS_INBOUND_ID = "settings-tls-inbound";
    public static final String TLS_CLIENT_CERT_ID = "settings-tls-client-certificate";
    public static final String TLS_OUTBOUND_ID = "settings-tls-outbound";
    public static final String TLS_PER_DOMAIN_ID = "settings-tls-per-domain";
    public static final String TLS_SAVE_ID = "settings-tls-save";
    public static final String TLS_STATUS_ID = "settings-tls-status";
    public static final String MTA_SIZE_ID = "settings-mta-max-message-size";
    public static final String MTA_RECIPIENTS_ID = "settings-mta-max-recipients";
    public static final String MTA_CONNECTIONS_ID = "settings-mta-max-connections";
    public static final String MTA_PER_CLIENT_ID = "settings-mta-max-connections-per-client";
    public static final String MTA_COMMAND_TIMEOUT_ID = "settings-mta-command-timeout";
    public static final String MTA_DATA_TIMEOUT_ID = "settings-mta-data-timeout";
    public static final String MTA_BANNER_ID = "settings-mta-banner-hostname";
    public static final String MTA_SAVE_ID = "settings-mta-save";
    public static final String MTA_STATUS_ID = "settings-mta-status";
    public static final String MODULES_SAVE_ID = "settings-modules-save";
    public static final String MODULES_STATUS_ID = "settings-modules-status";
    public static final String DNS_SERVERS_ID = "settings-dns-servers";
    public static final String DNS_TIMEOUT_ID = "settings-dns-timeout";
    public static final String DNS_SAVE_ID = "settings-dns-save";
    public static final String DNS_STATUS_ID = "settings-dns-status";

    /** Ids of the module switches, in the order of {@link ModuleSwitches}' components. */
    public static final List<String> MODULE_IDS = List.of("settings-module-antivirus", "settings-module-antispam",
            "settings-module-antiphishing", "settings-module-sender-authentication",
            "settings-module-content-filtering");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final NodeSettingsClient client;
    private final boolean canChange;

    private final ComboBox<String> inbound = new ComboBox<>("Inbound STARTTLS", TlsPolicySettings.INBOUND_LEVELS);
    private final Checkbox clientCertificate = new Checkbox("Require client certificate");
    private final ComboBox<String> outbound = new ComboBox<>("Outbound TLS", TlsPolicySettings.OUTBOUND_LEVELS);
    private final TextArea perDomain = new TextArea("Outbound TLS per domain");
    private final Span tlsStatus = new Span();

    private final IntegerField size = new IntegerField("Maximum message size (bytes)");
    private final IntegerField recipients = new IntegerField("Maximum recipients per message");
    private final IntegerField connections = new IntegerField("Maximum connections");
    private final IntegerField perClient = new IntegerField("Maximum connections per client");
    private final IntegerField commandTimeout = new IntegerField("Command timeout (s)");
    private final IntegerField dataTimeout = new IntegerField("Data timeout (s)");
    private final TextField banner = new TextField("Banner host name");
    private final Span mtaStatus = new Span();

    private final List<Checkbox> modules = List.of(new Checkbox("Anti-virus"), new Checkbox("Anti-spam"),
            new Checkbox("Anti-phishing"), new Checkbox("Sender authentication"), new Checkbox("Content filtering"));
    private final Span modulesStatus = new Span();

    private final TextArea dnsServers = new TextArea("DNS servers");
    private final IntegerField dnsTimeout = new IntegerField("DNS timeout (ms)");
    private final Span dnsStatus = new Span();

    public NodeSettingsPage(NodeSettingsClient client) {
        this.client = client;
        this.canChange = client.canChange();
        add(new H2("Node settings"), new Paragraph("Applied by every gateway node to the next connection, delivery,"
                + " message or lookup, without restart. Until the first change the nodes' properties apply"
                + " (docs/configuration.md)."));

        inbound.setId(TLS_INBOUND_ID);
        inbound.setHelperText("none: not offered; may: offered; encrypt: required before MAIL");
        clientCertificate.setId(TLS_CLIENT_CERT_ID);
        outbound.setId(TLS_OUTBOUND_ID);
        outbound.setHelperText("none, may (opportunistic), encrypt (no certificate check), verify");
        perDomain.setId(TLS_PER_DOMAIN_ID);
        perDomain.setHelperText("one per line: domain policy, e.g. partner.example verify");
        perDomain.setWidth("28em");
        tlsStatus.setId(TLS_STATUS_ID);
        section("TLS policy", tlsStatus, TLS_SAVE_ID, this::saveTls, inbound, clientCertificate, outbound, perDomain);

        for (var field : List.of(size, recipients, connections, perClient, commandTimeout, dataTimeout)) {
            field.setMin(0);
        }
        size.setId(MTA_SIZE_ID);
        recipients.setId(MTA_RECIPIENTS_ID);
        connections.setId(MTA_CONNECTIONS_ID);
        perClient.setId(MTA_PER_CLIENT_ID);
        commandTimeout.setId(MTA_COMMAND_TIMEOUT_ID);
        dataTimeout.setId(MTA_DATA_TIMEOUT_ID);
        banner.setId(MTA_BANNER_ID);
        banner.setHelperText("empty: each node its own host name");
        mtaStatus.setId(MTA_STATUS_ID);
        section("MTA", mtaStatus, MTA_SAVE_ID, this::saveMta, size, recipients, connections, perClient,
                commandTimeout, dataTimeout, banner);

        for (int i = 0; i < modules.size(); i++) {
            modules.get(i).setId(MODULE_IDS.get(i));
        }
        modulesStatus.setId(MODULES_STATUS_ID);
        section("Protection modules", modulesStatus, MODULES_SAVE_ID, this::saveModules,
                modules.toArray(Component[]::new));

        dnsServers.setId(DNS_SERVERS_ID);
        dnsServers.setHelperText("one per line: ip, ip:port or [ipv6]:port; empty: the system's resolvers");
        dnsTimeout.setId(DNS_TIMEOUT_ID);
        dnsTimeout.setMin(1);
        dnsStatus.setId(DNS_STATUS_ID);
        section("DNS", dnsStatus, DNS_SAVE_ID, this::saveDns, dnsServers, dnsTimeout);

        showTls(client.areas().tlsPolicy().current());
        showMta(client.areas().mta().current());
        showModules(client.areas().modules().current());
        showDns(client.areas().dns().current());
    }

    private void section(String title, Span status, String saveId, Runnable save, Component... fields) {
        Button button = new Button("Save " + title);
        button.setId(saveId);
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        button.addClickListener(click -> save.run());
        button.setVisible(canChange);
        for (Component field : fields) {
            if (field instanceof com.vaadin.flow.component.HasValue<?, ?> value) {
                value.setReadOnly(!canChange);
            }
        }
        add(new H3(title));
        add(fields);
        add(button, status);
    }

    private <S> void save(Span status, Supplier<AreaAdministration.Current<S>> change,
            java.util.function.Consumer<AreaAdministration.Current<S>> show) {
        try {
            AreaAdministration.Current<S> now = change.get();
            show.accept(now);
            StatusLine.success(status, "Saved: " + source(now));
        } catch (InvalidSettingsException | AccessDeniedException e) {
            StatusLine.error(status, e.getMessage());
        } catch (IllegalStateException e) {
            StatusLine.error(status, "Not saved: " + e.getMessage());
        }
    }

    private void saveTls() {
        save(tlsStatus, () -> client.change(client.areas().tlsPolicy(), new TlsPolicySettings(inbound.getValue(),
                clientCertificate.getValue(), outbound.getValue(), pairs(perDomain.getValue()))), this::showTls);
    }

    private void saveMta() {
        save(mtaStatus, () -> client.change(client.areas().mta(), new MtaSettings(number(size), (int) number(recipients),
                (int) number(connections), (int) number(perClient), number(commandTimeout), number(dataTimeout),
                banner.getValue())), this::showMta);
    }

    private void saveModules() {
        save(modulesStatus, () -> client.change(client.areas().modules(), new ModuleSwitches(modules.get(0).getValue(),
                modules.get(1).getValue(), modules.get(2).getValue(), modules.get(3).getValue(),
                modules.get(4).getValue())), this::showModules);
    }

    private void saveDns() {
        save(dnsStatus, () -> client.change(client.areas().dns(), new DnsServerSettings(lines(dnsServers.getValue()),
                number(dnsTimeout))), this::showDns);
    }

    private void showTls(AreaAdministration.Current<TlsPolicySettings> current) {
        TlsPolicySettings s = current.settings();
        inbound.setValue(s.inbound());
        clientCertificate.setValue(s.requireClientCertificate());
        outbound.setValue(s.outbound());
        StringBuilder text = new StringBuilder();
        s.outboundPerDomain().forEach((domain, level) -> text.append(domain).append(' ').append(level).append('\n'));
        perDomain.setValue(text.toString().strip());
        tlsStatus.setText(source(current));
    }

    private void showMta(AreaAdministration.Current<MtaSettings> current) {
        MtaSettings s = current.settings();
        size.setValue((int) Math.min(Integer.MAX_VALUE, s.maxMessageSize()));
        recipients.setValue(s.maxRecipients());
        connections.setValue(s.maxConnections());
        perClient.setValue(s.maxConnectionsPerClient());
        commandTimeout.setValue((int) s.commandTimeoutSeconds());
        dataTimeout.setValue((int) s.dataTimeoutSeconds());
        banner.setValue(s.bannerHostname() == null ? "" : s.bannerHostname());
        mtaStatus.setText(source(current));
    }

    private void showModules(AreaAdministration.Current<ModuleSwitches> current) {
        ModuleSwitches s = current.settings();
        boolean[] on = {s.antivirus(), s.antispam(), s.antiphishing(), s.senderAuthentication(), s.contentFiltering()};
        for (int i = 0; i < on.length; i++) {
            modules.get(i).setValue(on[i]);
        }
        modulesStatus.setText(source(current));
    }

    private void showDns(AreaAdministration.Current<DnsServerSettings> current) {
        DnsServerSettings s = current.settings();
        dnsServers.setValue(String.join("\n", s.servers()));
        dnsTimeout.setValue((int) Math.min(Integer.MAX_VALUE, s.timeoutMillis()));
        dnsStatus.setText(source(current));
    }

    private static String source(AreaAdministration.Current<?> current) {
        return current.changedBy() == null ? "From the properties (not changed in the console yet)"
                : "Changed by " + current.changedBy() + " at " + TIME.format(current.changedAt()) + " UTC";
    }

    /** An empty field as 0, which the area's validation names. */
    private static long number(IntegerField field) {
        return field.getValue() == null ? 0 : field.getValue();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** "domain policy" lines; a line without a policy keeps an empty one, which validation names. */
    private static Map<String, String> pairs(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : lines(text)) {
            String[] parts = line.split("\\s+", 2);
            map.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return map;
    }
}
