package io.bulwark.console.licence;

import io.bulwark.console.kit.Dialogs;
import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
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
import io.bulwark.admin.licence.InvalidLicenceKeyException;
import io.bulwark.admin.licence.LicenceAdministration;
import io.bulwark.admin.licence.UnknownLicenceKeyException;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.events.licence.LicenceView;
import io.bulwark.scan.licence.LicenceStatus;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;

/**
 * The licence (issue 17; the seed's "Viewing information about the license and added keys"): what
 * the licence allows now (mode, scanning, database updates, modules restricted, the licence's
 * sentence, in warning colours when it needs attention), the active and the additional key's
 * details (number, holder, type, functionality, licensing unit and limit, start, expiry, days left,
 * grace, authority, SHA-256), the notices raised, and for administrators: add a key file (as active
 * or additional key), activate with a code, remove a key. {@link LicenceClient} refuses other roles
 * on the server.
 *
 * <p>Element ids: see the constants. One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.SETTINGS, title = "Licence", icon = VaadinIcon.DIPLOMA, order = 50)
@Route(value = LicencePage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Licence")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class LicencePage extends VerticalLayout {
    public static final String ROUTE = "licence";
    public static final String MODE_ID = "licence-mode";
    public static final String MESSAGE_ID = "licence-message";
    public static final String CAPABILITIES_ID = "licence-capabilities";
    public static final String ACTIVE_ID = "licence-active";
    public static final String ADDITIONAL_ID = "licence-additional";
    public static final String NOTICES_ID = "licence-notices";
    public static final String STATUS_ID = "licence-status";
    public static final String ADD_ID = "licence-add";
    public static final String ACTIVATE_ID = "licence-activate";
    public static final String REMOVE_ACTIVE_ID = "licence-remove-active";
    public static final String REMOVE_ADDITIONAL_ID = "licence-remove-additional";
    public static final String KEY_FILE_ID = "licence-key-file";
    public static final String CODE_ID = "licence-code";
    public static final String SLOT_ID = "licence-slot";
    public static final String CONFIRM_ID = "licence-confirm";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final LicenceClient client;
    private final Span mode = new Span();
    private final Span message = new Span();
    private final Span capabilities = new Span();
    private final VerticalLayout active = new VerticalLayout();
    private final VerticalLayout additional = new VerticalLayout();
    private final Grid<LicenceView.Notice> notices = new Grid<>();
    private final Span status = new Span();
    private final Button removeActive = button(REMOVE_ACTIVE_ID, "Remove active key", VaadinIcon.TRASH);
    private final Button removeAdditional = button(REMOVE_ADDITIONAL_ID, "Remove additional key", VaadinIcon.TRASH);

    public LicencePage(LicenceClient client) {
        this.client = client;
        setSizeFull();
        mode.setId(MODE_ID);
        mode.getStyle().set("font-weight", "bold");
        message.setId(MESSAGE_ID);
        capabilities.setId(CAPABILITIES_ID);
        active.setId(ACTIVE_ID);
        additional.setId(ADDITIONAL_ID);
        active.setPadding(false);
        additional.setPadding(false);
        status.setId(STATUS_ID);
        Button add = button(ADD_ID, "Add key file", VaadinIcon.UPLOAD);
        add.addClickListener(click -> addDialog().open());
        Button activate = button(ACTIVATE_ID, "Activate with a code", VaadinIcon.KEY);
        activate.addClickListener(click -> activateDialog().open());
        removeActive.addThemeVariants(ButtonVariant.LUMO_ERROR);
        removeAdditional.addThemeVariants(ButtonVariant.LUMO_ERROR);
        removeActive.addClickListener(click -> removeDialog(LicenceSlot.ACTIVE).open());
        removeAdditional.addClickListener(click -> removeDialog(LicenceSlot.ADDITIONAL).open());
        HorizontalLayout actions = new HorizontalLayout(add, activate, removeActive, removeAdditional);
        actions.setVisible(client.canChange());
        notices.setId(NOTICES_ID);
        notices.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        notices.addColumn(n -> TIME.format(n.at())).setHeader("When (UTC)").setAutoWidth(true).setFlexGrow(0);
        notices.addColumn(n -> n.notice().name()).setHeader("Notice").setAutoWidth(true).setFlexGrow(0);
        notices.addColumn(LicenceView.Notice::licenceNumber).setHeader("Licence").setAutoWidth(true).setFlexGrow(0);
        notices.addColumn(LicenceView.Notice::reason).setHeader("Details");
        HorizontalLayout keys = new HorizontalLayout(column("Active key", active), column("Additional key", additional));
        keys.setWidthFull();
        add(new H3("Licence"), mode, message, capabilities, actions, keys, new H4("Notices"), notices, status);
        expand(notices);
    }

    private static VerticalLayout column(String title, VerticalLayout body) {
        VerticalLayout column = new VerticalLayout(new H4(title), body);
        column.setPadding(false);
        column.setWidth("50%");
        return column;
    }

    private static Button button(String id, String text, VaadinIcon icon) {
        Button button = new Button(text, icon.create());
        button.setId(id);
        return button;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    /** Reloads everything. */
    void refresh() {
        LicenceAdministration.Overview overview = attempt(client::overview);
        if (overview == null) {
            return;
        }
        LicenceStatus s = overview.status();
        mode.setText("Mode: " + s.mode().name().toLowerCase(Locale.ROOT) + (s.licenceNumber() == null ? ""
                : " (licence " + s.licenceNumber() + ")"));
        message.setText(s.message());
        message.getStyle().set("color", s.warning() ? "var(--lumo-error-text-color)" : "var(--lumo-body-text-color)");
        String restricted = s.withheld().isEmpty() ? "none" : s.withheld().keySet().stream()
                .map(m -> m.name().toLowerCase(Locale.ROOT).replace('_', '-')).sorted().collect(Collectors.joining(", "));
        capabilities.setText("Scanning: " + (s.scanningAllowed() ? "on" : "off") + " · Database updates: "
                + (s.updatesAllowed() ? "on" : "stopped") + " · Modules restricted by the licence: " + restricted
                + " · Warning " + overview.settings().warningDays() + " days before expiry");
        LicenceView view = overview.licence();
        show(active, view.active(), view.activeInstalledAt());
        show(additional, view.additional(), null);
        removeActive.setEnabled(view.active() != null);
        removeAdditional.setEnabled(view.additional() != null);
        notices.setItems(view.notices());
    }

    private static void show(VerticalLayout target, LicenceKeyFacts key, Instant installedAt) {
        target.removeAll();
        if (key == null) {
            target.add(new Span("none"));
            return;
        }
        Instant now = Instant.now();
        String validity = now.isBefore(key.start()) ? "not valid yet" : now.isBefore(key.expiry())
                ? "valid, " + io.bulwark.scan.licence.LicencePolicy.daysUntil(now, key.expiry()) + " days left"
                : "expired";
        target.add(line("Licence number", key.licenceNumber()), line("Holder", key.holder()),
                line("Type", key.type().name().toLowerCase(Locale.ROOT)),
                line("Functionality", key.functionality().name().toLowerCase(Locale.ROOT).replace('_', '-')),
                line("Licensing unit", key.unitLimit() == 0 ? key.licensingUnit() + " (no limit)"
                        : key.unitLimit() + " " + key.licensingUnit()),
                line("Valid from", TIME.format(key.start())), line("Expires", TIME.format(key.expiry())),
                line("Status", validity));
        if (key.graceDays() > 0) {
            target.add(line("Grace period", key.graceDays() + " days"));
        }
        if (installedAt != null) {
            target.add(line("Installed", TIME.format(installedAt)));
        }
        target.add(line("Authority", key.authorityKeyId()), line("SHA-256", key.sha256()));
    }

    private static Span line(String label, String value) {
        return new Span(label + ": " + value);
    }

    /** Dialog: add a key file. */
    Dialog addDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Add a licence key file");
        TextArea keyFile = new TextArea("Key file (paste its contents)");
        keyFile.setId(KEY_FILE_ID);
        keyFile.setWidth("40em");
        keyFile.setHeight("16em");
        Select<LicenceSlot> slot = slotSelect();
        dialog.add(new VerticalLayout(keyFile, slot));
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm("Add", () -> {
            LicenceKeyFacts key = attempt(() -> client.install(keyFile.getValue(), slot.getValue()));
            if (key != null) {
                dialog.close();
                success("Licence " + key.licenceNumber() + " installed as the " + slotName(slot.getValue()) + " key.");
            }
        }));
        return dialog;
    }

    /** Dialog: activate with a code. */
    Dialog activateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Activate with a code");
        TextField code = new TextField("Activation code");
        code.setId(CODE_ID);
        Select<LicenceSlot> slot = slotSelect();
        dialog.add(new VerticalLayout(code, slot));
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm("Activate", () -> {
            LicenceKeyFacts key = attempt(() -> client.activate(code.getValue(), slot.getValue()));
            if (key != null) {
                dialog.close();
                success("Licence " + key.licenceNumber() + " activated as the " + slotName(slot.getValue()) + " key.");
            }
        }));
        return dialog;
    }

    /** Dialog: confirm removing a key. */
    Dialog removeDialog(LicenceSlot slot) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Remove the " + slotName(slot) + " key?");
        dialog.add(new Span(slot == LicenceSlot.ACTIVE
                ? "The additional key becomes active, if there is one; otherwise nothing is scanned until a key is "
                        + "installed (mail still flows)."
                : "The additional key is removed; the active key stays."));
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm("Remove", () -> {
            if (attempt(() -> {
                client.remove(slot);
                return true;
            }) != null) {
                dialog.close();
                success("The " + slotName(slot) + " key was removed.");
            }
        }));
        return dialog;
    }

    private static Select<LicenceSlot> slotSelect() {
        Select<LicenceSlot> slot = new Select<>();
        slot.setId(SLOT_ID);
        slot.setLabel("Install as");
        slot.setItems(LicenceSlot.values());
        slot.setItemLabelGenerator(s -> s == LicenceSlot.ACTIVE ? "Active key (replaces the active key)"
                : "Additional key (takes over when the active key expires)");
        slot.setValue(LicenceSlot.ACTIVE);
        return slot;
    }

    private static String slotName(LicenceSlot slot) {
        return slot.name().toLowerCase(Locale.ROOT);
    }

    private static Button confirm(String text, Runnable action) {
        return Dialogs.confirm(text, CONFIRM_ID, false, action);
    }

    private <T> T attempt(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidLicenceKeyException | UnknownLicenceKeyException | AccessDeniedException
                | IllegalStateException e) { // LicenceConflictException is an IllegalStateException
            StatusLine.error(status, e.getMessage());
            return null;
        }
    }

    private void success(String text) {
        refresh();
        StatusLine.success(status, text);
    }
}
