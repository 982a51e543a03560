package io.bulwark.console.antispam;

import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.admin.antispam.DnsListTakenException;
import io.bulwark.admin.antispam.InvalidDnsListException;
import io.bulwark.admin.antispam.UnknownDnsListException;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.dnslist.DnsListDefinition;
import io.bulwark.events.dnslist.DnsListKind;
import io.bulwark.events.dnslist.DnsListsProjection;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;

/**
 * The anti-spam module's custom DNS lists (the reference's "custom DNSBL list" and "custom SURBL
 * list"): a grid of the lists and a form that adds a list or, with a list selected, changes or
 * removes it. Changes reach every gateway node for the next message, without a restart. Read-only
 * for helpdesk and auditors (the client refuses their changes anyway).
 *
 * <p>Element ids: {@value #GRID_ID}, {@code dnslists-symbol}, {@code dnslists-kind},
 * {@code dnslists-zone}, {@code dnslists-codes} (one {@code 127.0.0.2 = meaning} per line),
 * {@code dnslists-weight}, {@code dnslists-blacklist}, {@code dnslists-deep},
 * {@code dnslists-enabled}, {@value #SAVE_ID}, {@value #REMOVE_ID}, {@value #STATUS_ID}.
 *
 * <p>One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.PROTECTION, title = "DNS block lists", icon = VaadinIcon.BAN, order = 30)
@Route(value = DnsListsPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · DNS block lists")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class DnsListsPage extends VerticalLayout {
    public static final String ROUTE = "antispam/lists";
    public static final String GRID_ID = "dnslists-grid";
    public static final String SAVE_ID = "dnslists-save";
    public static final String REMOVE_ID = "dnslists-remove";
    public static final String STATUS_ID = "dnslists-status";

    private final DnsListsClient client;
    final Grid<DnsListDefinition> grid = new Grid<>(DnsListDefinition.class, false);
    final TextField symbol = new TextField("Symbol");
    final Select<DnsListKind> kind = new Select<>();
    final TextField zone = new TextField("Zone");
    final TextArea codes = new TextArea("Return codes");
    final NumberField weight = new NumberField("Weight");
    final Checkbox blacklist = new Checkbox("A listing makes the message Blacklisted", true);
    final Checkbox deep = new Checkbox("Also ask about the other untrusted Received hops", false);
    final Checkbox enabled = new Checkbox("Enabled", true);
    final Button save = new Button("Add", VaadinIcon.CHECK.create());
    final Button remove = new Button("Remove", VaadinIcon.TRASH.create());
    final Span status = new Span();

    public DnsListsPage(DnsListsClient client) {
        this.client = client;
        boolean editable = client.canChange();
        status.setId(STATUS_ID);
        add(new Paragraph("DNS block lists the anti-spam module asks: address lists (DNSBL) about the host that "
                + "handed the message over, link-domain lists (SURBL/URIBL) about the domains of its links. "
                + "A listing adds the list's symbol with its weight to the rating. Changes apply to the next "
                + "message on every gateway node."), status);

        grid.setId(GRID_ID);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(DnsListDefinition::symbol).setKey("symbol").setHeader("Symbol").setAutoWidth(true);
        grid.addColumn(l -> l.kind().name()).setKey("kind").setHeader("Kind").setAutoWidth(true);
        grid.addColumn(DnsListDefinition::zone).setKey("zone").setHeader("Zone").setAutoWidth(true);
        grid.addColumn(l -> codesText(l.codes()).replace("\n", "; ")).setKey("codes").setHeader("Return codes");
        grid.addColumn(l -> String.valueOf(l.weight())).setKey("weight").setHeader("Weight").setAutoWidth(true);
        grid.addColumn(l -> l.blacklist() ? "yes" : "no").setKey("blacklist").setHeader("Blacklisted")
                .setAutoWidth(true);
        grid.addColumn(l -> l.enabled() ? "on" : "off").setKey("enabled").setHeader("Enabled").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.addSelectionListener(selection -> edit(selection.getFirstSelectedItem().orElse(null)));
        add(grid);

        symbol.setId("dnslists-symbol");
        symbol.setPlaceholder("RBL_EXAMPLE");
        kind.setId("dnslists-kind");
        kind.setLabel("Kind");
        kind.setItems(DnsListKind.values());
        kind.setValue(DnsListKind.DNSBL);
        zone.setId("dnslists-zone");
        zone.setPlaceholder("bl.example.org");
        codes.setId("dnslists-codes");
        codes.setPlaceholder("127.0.0.2 = spam source");
        codes.setHelperText("One per line; empty: any answer in 127.0.0.0/8 counts");
        weight.setId("dnslists-weight");
        weight.setValue(30.0);
        weight.setMin(-100);
        weight.setMax(100);
        blacklist.setId("dnslists-blacklist");
        deep.setId("dnslists-deep");
        enabled.setId("dnslists-enabled");
        save.setId(SAVE_ID);
        save.addClickListener(click -> save());
        remove.setId(REMOVE_ID);
        remove.setEnabled(false);
        remove.addClickListener(click -> grid.getSelectedItems().stream().findFirst().ifPresent(list -> {
            DnsListsProjection.View updated = attempt(() -> client.remove(list.symbol()));
            if (updated != null) {
                show(updated);
                StatusLine.success(status, "Removed " + list.symbol());
            }
        }));
        HorizontalLayout first = new HorizontalLayout(symbol, kind, zone, weight);
        first.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        VerticalLayout form = new VerticalLayout(first, codes, blacklist, deep, enabled, new HorizontalLayout(save, remove));
        form.setPadding(false);
        form.setVisible(editable);
        add(form);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    /** Reloads the lists. */
    void refresh() {
        DnsListsProjection.View loaded = attempt(client::lists);
        if (loaded != null) {
            show(loaded);
        }
    }

    private void show(DnsListsProjection.View view) {
        grid.setItems(view.lists());
        edit(null);
    }

    /** Fills the form with a selected list (symbol fixed), or empties it for a new one. */
    private void edit(DnsListDefinition list) {
        remove.setEnabled(list != null);
        save.setText(list == null ? "Add" : "Save changes");
        symbol.setReadOnly(list != null);
        symbol.setValue(list == null ? "" : list.symbol());
        kind.setValue(list == null ? DnsListKind.DNSBL : list.kind());
        zone.setValue(list == null ? "" : list.zone());
        codes.setValue(list == null ? "" : codesText(list.codes()));
        weight.setValue(list == null ? 30.0 : list.weight());
        blacklist.setValue(list == null || list.blacklist());
        deep.setValue(list != null && list.deep());
        enabled.setValue(list == null || list.enabled());
    }

    private void save() {
        Map<String, String> parsed = parseCodes(codes.getValue());
        if (parsed == null) {
            StatusLine.error(status, "Return codes: one '127.0.0.2 = meaning' per line");
            return;
        }
        DnsListDefinition list = new DnsListDefinition(symbol.getValue(), kind.getValue(), zone.getValue(), parsed,
                weight.getValue() == null ? Double.NaN : weight.getValue(), blacklist.getValue(), deep.getValue(),
                enabled.getValue());
        boolean adding = !symbol.isReadOnly();
        DnsListsProjection.View updated = attempt(() -> adding ? client.add(list) : client.edit(list));
        if (updated != null) {
            show(updated);
            StatusLine.success(status, (adding ? "Added " : "Saved ") + list.symbol());
        }
    }

    static String codesText(Map<String, String> codes) {
        return codes.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("\n"));
    }

    /** {@code 127.0.0.2 = meaning} per line; null when a line has no {@code =}. */
    static Map<String, String> parseCodes(String text) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String line : text == null ? new String[0] : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                return null;
            }
            codes.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return codes;
    }

    private <T> T attempt(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidDnsListException | DnsListTakenException | UnknownDnsListException | AccessDeniedException
                | IllegalStateException e) {
            StatusLine.error(status, e.getMessage());
            return null;
        }
    }
}
