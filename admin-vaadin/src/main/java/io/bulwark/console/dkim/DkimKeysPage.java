package io.bulwark.console.dkim;

import io.bulwark.console.kit.Dialogs;
import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.bulwark.admin.dkim.DkimKeyAdministration;
import io.bulwark.admin.dkim.InvalidDkimKeyException;
import io.bulwark.admin.dkim.SenderRecords;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.dkim.DkimKeyIds;
import io.bulwark.events.dkim.DkimKeyView;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;

/**
 * DKIM signing keys of outgoing mail (issue 10): the list (domain, selector, algorithm, active,
 * created), a dialog to create a key (domain, selector, algorithm), deletion with confirmation, and
 * for the selected key the TXT record to publish (read-only fields, to copy), a "Check DNS" button
 * with the answer, and the SPF and DMARC records suggested for its domain. Creating a second key for
 * a domain rotates: the new one signs, the old one stays listed until deleted. Changing controls are
 * shown to administrators only; {@link DkimKeysClient} refuses others on the server.
 *
 * <p>Element ids: see the constants. One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.SETTINGS, title = "DKIM keys", icon = VaadinIcon.KEY, order = 30)
@Route(value = DkimKeysPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · DKIM keys")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class DkimKeysPage extends VerticalLayout {
    public static final String ROUTE = "dkim";
    public static final String GRID_ID = "dkim-grid";
    public static final String STATUS_ID = "dkim-status";
    public static final String CREATE_ID = "dkim-create";
    public static final String DELETE_ID = "dkim-delete";
    public static final String CHECK_ID = "dkim-check";
    public static final String CHECK_RESULT_ID = "dkim-check-result";
    public static final String CONFIRM_ID = "dkim-confirm";
    public static final String DOMAIN_ID = "dkim-domain";
    public static final String SELECTOR_ID = "dkim-selector";
    public static final String ALGORITHM_ID = "dkim-algorithm";
    public static final String DNS_NAME_ID = "dkim-dns-name";
    public static final String DNS_RECORD_ID = "dkim-dns-record";
    public static final String SPF_ID = "dkim-spf";
    public static final String DMARC_NAME_ID = "dkim-dmarc-name";
    public static final String DMARC_ID = "dkim-dmarc";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final DkimKeysClient client;
    private final Grid<DkimKeyView> grid = new Grid<>(DkimKeyView.class, false);
    private final Span status = new Span();
    private final Button delete = button(DELETE_ID, "Delete", VaadinIcon.TRASH);
    private final Button check = button(CHECK_ID, "Check DNS", VaadinIcon.SEARCH);
    private final Span checkResult = new Span();
    private final TextField dnsName = readOnly(DNS_NAME_ID, "Publish a TXT record at");
    private final TextArea dnsRecord = new TextArea("TXT record value");
    private final TextField spf = readOnly(SPF_ID, "Suggested SPF (TXT at the domain)");
    private final TextField dmarcName = readOnly(DMARC_NAME_ID, "Suggested DMARC at");
    private final TextField dmarc = readOnly(DMARC_ID, "Suggested DMARC (TXT)");
    private final Span note = new Span();
    private final VerticalLayout details = new VerticalLayout();

    public DkimKeysPage(DkimKeysClient client) {
        this.client = client;
        setSizeFull();
        status.setId(STATUS_ID);
        checkResult.setId(CHECK_RESULT_ID);
        Button create = button(CREATE_ID, "New key", VaadinIcon.PLUS);
        create.addClickListener(click -> createDialog().open());
        delete.addClickListener(click -> selected().ifPresent(k -> deleteDialog(k).open()));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        check.addClickListener(click -> selected().ifPresent(this::checkDns));
        HorizontalLayout actions = new HorizontalLayout(create, delete);
        actions.setVisible(client.canChange());
        dnsRecord.setId(DNS_RECORD_ID);
        dnsRecord.setReadOnly(true);
        dnsRecord.setWidthFull();
        for (TextField field : new TextField[] {dnsName, spf, dmarcName, dmarc}) {
            field.setWidthFull();
        }
        note.getStyle().set("font-size", "var(--lumo-font-size-s)");
        details.setPadding(false);
        details.add(new H4("Publish in DNS"), dnsName, dnsRecord, new HorizontalLayout(check, checkResult),
                new H4("Sender policy records for the domain"), spf, dmarcName, dmarc, note);
        add(actions, grid, details, status);
        configureGrid();
        expand(grid);
        showSelected();
    }

    private static Button button(String id, String text, VaadinIcon icon) {
        Button button = new Button(text, icon.create());
        button.setId(id);
        return button;
    }

    private static TextField readOnly(String id, String label) {
        TextField field = new TextField(label);
        field.setId(id);
        field.setReadOnly(true);
        return field;
    }

    private void configureGrid() {
        grid.setId(GRID_ID);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(DkimKeyView::domain).setHeader("Domain");
        grid.addColumn(DkimKeyView::selector).setHeader("Selector");
        grid.addColumn(DkimKeyView::algorithm).setHeader("Algorithm").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(k -> k.active() ? "signing" : "retired (not signing)").setHeader("Active").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(k -> TIME.format(k.createdAt())).setHeader("Created (UTC)").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(DkimKeyView::createdBy).setHeader("By").setAutoWidth(true).setFlexGrow(0);
        grid.addSelectionListener(selection -> showSelected());
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    /** Reloads the list. */
    void refresh() {
        attempt(() -> {
            grid.setItems(client.keys());
            return true;
        });
        showSelected();
    }

    private Optional<DkimKeyView> selected() {
        return grid.getSelectedItems().stream().findFirst();
    }

    /** Shows the record and suggestions of the selected key. */
    private void showSelected() {
        Optional<DkimKeyView> selected = selected();
        delete.setEnabled(selected.isPresent());
        check.setEnabled(selected.isPresent());
        details.setVisible(selected.isPresent());
        checkResult.setText("");
        selected.ifPresent(key -> {
            dnsName.setValue(key.dnsName());
            dnsRecord.setValue(key.dnsRecord());
            SenderRecords.Suggestion suggestion = client.suggestions(key.domain());
            spf.setValue(suggestion.spf());
            dmarcName.setValue(suggestion.dmarcName());
            dmarc.setValue(suggestion.dmarc());
            note.setText(suggestion.note());
        });
    }

    /** Selects a key by id (after creating it, so its record shows at once). */
    void select(String keyId) {
        grid.getGenericDataView().getItems().filter(k -> k.id().equals(keyId)).findFirst().ifPresent(grid::select);
    }

    private void checkDns(DkimKeyView key) {
        DkimKeyAdministration.DnsCheck result = attempt(() -> client.checkDns(key.id()));
        if (result == null) {
            return;
        }
        checkResult.setText(result.status().apiName() + ": " + result.detail());
        checkResult.getStyle().set("color", result.status() == DkimKeyAdministration.DnsStatus.PUBLISHED
                ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
    }

    /** Dialog: a new key. */
    Dialog createDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New DKIM key");
        TextField domain = new TextField("Domain (as in From)");
        domain.setId(DOMAIN_ID);
        domain.setRequired(true);
        TextField selector = new TextField("Selector (new one to rotate)");
        selector.setId(SELECTOR_ID);
        selector.setRequired(true);
        Select<String> algorithm = new Select<>();
        algorithm.setId(ALGORITHM_ID);
        algorithm.setLabel("Algorithm");
        algorithm.setItems(DkimKeyIds.RSA_2048, DkimKeyIds.ED25519);
        algorithm.setItemLabelGenerator(a -> a.equals(DkimKeyIds.RSA_2048) ? "RSA 2048 (every verifier)"
                : "Ed25519 (RFC 8463; not every verifier yet)");
        algorithm.setValue(DkimKeyIds.RSA_2048);
        dialog.add(new VerticalLayout(domain, selector, algorithm));
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm("Create", () -> {
            String id = attempt(() -> client.create(domain.getValue(), selector.getValue(), algorithm.getValue()));
            if (id != null) {
                dialog.close();
                success("Key created; it signs outgoing mail of " + domain.getValue().strip()
                        .toLowerCase(java.util.Locale.ROOT) + " from now on: publish its record in DNS now.");
                select(id);
            }
        }));
        return dialog;
    }

    /** Dialog: confirm a deletion. */
    Dialog deleteDialog(DkimKeyView key) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Delete this DKIM key?");
        dialog.add(new Span(key.dnsName() + (key.active()
                ? ": it signs now; the domain's previous key (if any) signs again, else its mail goes out unsigned."
                : ": it no longer signs; remove its DNS record once mail signed with it has been delivered.")));
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm("Delete", () -> {
            if (attempt(() -> {
                client.delete(key.id());
                return true;
            }) != null) {
                dialog.close();
                success("Key deleted.");
            }
        }));
        return dialog;
    }

    private static Button confirm(String text, Runnable action) {
        return Dialogs.confirm(text, CONFIRM_ID, false, action);
    }

    private <T> T attempt(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidDkimKeyException | AccessDeniedException | IllegalStateException e) {
            error(e.getMessage());
            return null;
        }
    }

    private void error(String text) {
        StatusLine.error(status, text);
    }

    private void success(String text) {
        refresh();
        StatusLine.success(status, text);
    }
}
