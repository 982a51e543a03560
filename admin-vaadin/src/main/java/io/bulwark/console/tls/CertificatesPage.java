package io.bulwark.console.tls;

import io.bulwark.console.kit.Dialogs;
import io.bulwark.console.kit.Roles;
import io.bulwark.console.kit.Nav;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import io.bulwark.admin.tls.InvalidCertificateCommandException;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.console.shell.MainLayout;
import io.bulwark.events.tls.CertificateView;
import io.bulwark.events.tls.TlsKeyType;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;

/**
 * The SMTP listener's certificates (reference H.3, "server certificate selection"): the list with
 * expiry (highlighted when fewer than {@value #WARN_DAYS} days are left), and dialogs to create a
 * self-signed certificate, create a key with a CSR for a CA (then install the CA's answer), import a
 * PEM chain with its key or a PKCS#12 file, activate and delete. Activation reaches every gateway node
 * without a restart. Changing controls are shown to administrators only; {@link CertificatesClient}
 * refuses others on the server.
 *
 * <p>Element ids: see the constants. One instance per browser tab; UI thread only.
 */
@Nav(section = Nav.Section.SETTINGS, title = "Certificates", icon = VaadinIcon.LOCK, order = 20)
@Route(value = CertificatesPage.ROUTE, layout = MainLayout.class)
@PageTitle("Bulwark · Certificates")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR})
public class CertificatesPage extends VerticalLayout {
    public static final String ROUTE = "certificates";
    public static final String GRID_ID = "certificates-grid";
    public static final String STATUS_ID = "certificates-status";
    public static final String SELF_SIGNED_ID = "certificate-self-signed";
    public static final String CSR_ID = "certificate-csr";
    public static final String IMPORT_ID = "certificate-import";
    public static final String INSTALL_ID = "certificate-install";
    public static final String SHOW_CSR_ID = "certificate-show-csr";
    public static final String ACTIVATE_ID = "certificate-activate";
    public static final String DELETE_ID = "certificate-delete";
    public static final String CONFIRM_ID = "certificate-confirm";
    public static final String CN_ID = "certificate-cn";
    public static final String SANS_ID = "certificate-sans";
    public static final String DAYS_ID = "certificate-days";
    public static final String KEY_TYPE_ID = "certificate-key-type";
    public static final String CHAIN_ID = "certificate-chain";
    public static final String KEY_ID = "certificate-key";
    public static final String PASSWORD_ID = "certificate-password";
    public static final String CSR_PEM_ID = "certificate-csr-pem";
    /** Fewer days left than this are shown as a warning. */
    public static final int WARN_DAYS = 30;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final CertificatesClient client;
    private final Grid<CertificateView> grid = new Grid<>(CertificateView.class, false);
    private final Span status = new Span();
    private final Button install = button(INSTALL_ID, "Install CA certificate", VaadinIcon.UPLOAD);
    private final Button showCsr = button(SHOW_CSR_ID, "Show CSR", VaadinIcon.FILE_TEXT);
    private final Button activate = button(ACTIVATE_ID, "Activate", VaadinIcon.CHECK);
    private final Button delete = button(DELETE_ID, "Delete", VaadinIcon.TRASH);

    public CertificatesPage(CertificatesClient client) {
        this.client = client;
        setSizeFull();
        status.setId(STATUS_ID);
        Button selfSigned = button(SELF_SIGNED_ID, "New self-signed", VaadinIcon.PLUS);
        selfSigned.addClickListener(click -> selfSignedDialog().open());
        Button csr = button(CSR_ID, "New key and CSR", VaadinIcon.KEY);
        csr.addClickListener(click -> csrDialog().open());
        Button importButton = button(IMPORT_ID, "Import", VaadinIcon.UPLOAD_ALT);
        importButton.addClickListener(click -> importDialog().open());
        install.addClickListener(click -> selected().ifPresent(c -> installDialog(c).open()));
        showCsr.addClickListener(click -> selected().ifPresent(c -> csrPemDialog(c.certificateId(), null).open()));
        activate.addClickListener(click -> selected().ifPresent(this::activate));
        delete.addClickListener(click -> selected().ifPresent(c -> deleteDialog(c).open()));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout actions = new HorizontalLayout(selfSigned, csr, importButton, install, showCsr, activate,
                delete);
        actions.setWrap(true);
        actions.setVisible(client.canChange());
        add(actions, grid, status);
        configureGrid();
        expand(grid);
        updateButtons();
    }

    private static Button button(String id, String text, VaadinIcon icon) {
        Button button = new Button(text, icon.create());
        button.setId(id);
        return button;
    }

    private void configureGrid() {
        grid.setId(GRID_ID);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(CertificateView::status).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> c.details() != null ? c.details().subject() : c.requestedSubject()).setHeader("Subject");
        grid.addColumn(c -> c.details() == null ? "" : String.join(", ", c.details().subjectAltNames()))
                .setHeader("Names");
        grid.addColumn(c -> c.details() == null ? "" : c.details().issuer()).setHeader("Issuer");
        grid.addColumn(c -> c.details() == null ? "" : DAY.format(c.details().notAfter())).setHeader("Expires (UTC)")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(new ComponentRenderer<>(CertificatesPage::daysLeft)).setHeader("Days left").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(c -> c.details() == null ? "" : c.details().keyAlgorithm()).setHeader("Key").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(CertificateView::origin).setHeader("Origin").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> c.details() == null ? "" : c.details().sha256Fingerprint()).setHeader("SHA-256");
        grid.addSelectionListener(selection -> updateButtons());
    }

    /** The days-left cell: red when expired or within {@value #WARN_DAYS} days. */
    static Span daysLeft(CertificateView certificate) {
        Span span = new Span(certificate.daysLeft() == null ? "" : certificate.daysLeft() < 0 ? "expired"
                : String.valueOf(certificate.daysLeft()));
        if (expiresSoon(certificate)) {
            span.getElement().getThemeList().add("badge error");
            span.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
        }
        return span;
    }

    /** Whether the certificate is expired or expires within {@value #WARN_DAYS} days. */
    static boolean expiresSoon(CertificateView certificate) {
        return certificate.daysLeft() != null && certificate.daysLeft() < WARN_DAYS;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    /** Reloads the list. */
    void refresh() {
        attempt(() -> {
            grid.setItems(client.certificates());
            return true;
        });
        updateButtons();
    }

    private Optional<CertificateView> selected() {
        return grid.getSelectedItems().stream().findFirst();
    }

    private void updateButtons() {
        Optional<CertificateView> selected = selected();
        boolean pending = selected.map(c -> "PENDING".equals(c.status())).orElse(false);
        install.setEnabled(pending);
        showCsr.setEnabled(pending);
        activate.setEnabled(selected.map(c -> "READY".equals(c.status())).orElse(false));
        delete.setEnabled(selected.map(c -> !"ACTIVE".equals(c.status())).orElse(false));
    }

    /** Dialog: a self-signed certificate. */
    Dialog selfSignedDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New self-signed certificate");
        TextField cn = commonName();
        TextArea sans = names();
        IntegerField days = new IntegerField("Valid for (days)");
        days.setId(DAYS_ID);
        days.setMin(1);
        days.setMax(3650);
        days.setValue(365);
        Select<TlsKeyType> type = keyType();
        dialog.add(new VerticalLayout(cn, sans, days, type));
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm("Create", () -> {
            String id = attempt(() -> client.createSelfSigned(cn.getValue(), lines(sans.getValue()),
                    days.getValue() == null ? 0 : days.getValue(), type.getValue()));
            if (id != null) {
                dialog.close();
                success("Self-signed certificate created; activate it to use it.");
            }
        }));
        return dialog;
    }

    /** Dialog: a key and a CSR; on success shows the request. */
    Dialog csrDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New key and certificate signing request");
        TextField cn = commonName();
        TextArea sans = names();
        Select<TlsKeyType> type = keyType();
        dialog.add(new VerticalLayout(cn, sans, type));
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm("Create", () -> {
            var request = attempt(() -> client.createSigningRequest(cn.getValue(), lines(sans.getValue()),
                    type.getValue()));
            if (request != null) {
                dialog.close();
                success("Request created: give it to your CA, then select it and install the CA's certificate.");
                if (getUI().isPresent()) {
                    csrPemDialog(request.certificateId(), request.csrPem()).open();
                }
            }
        }));
        return dialog;
    }

    /** Dialog: the PEM request of a pending certificate, to copy. */
    Dialog csrPemDialog(String certificateId, String knownPem) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Certificate signing request");
        TextArea pem = new TextArea("PEM (also at GET /api/v1/certificates/" + certificateId + "/csr)");
        pem.setId(CSR_PEM_ID);
        pem.setReadOnly(true);
        pem.setWidth("40em");
        String text = knownPem != null ? knownPem : attempt(() -> client.signingRequest(certificateId));
        pem.setValue(text == null ? "" : text);
        dialog.add(pem);
        dialog.getFooter().add(new Button("Close", click -> dialog.close()));
        return dialog;
    }

    /** Dialog: import a PEM chain with its key, or a PKCS#12 file. */
    Dialog importDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Import a certificate");
        TextArea chain = chain();
        TextArea key = new TextArea("Private key (PEM)");
        key.setId(KEY_ID);
        key.setWidth("40em");
        PasswordField password = new PasswordField("Password (encrypted key or PKCS#12)");
        password.setId(PASSWORD_ID);
        AtomicReference<byte[]> pkcs12 = new AtomicReference<>();
        Upload upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> pkcs12.set(bytes)));
        upload.setAcceptedFileTypes(".p12", ".pfx", "application/x-pkcs12");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(1024 * 1024);
        dialog.add(new VerticalLayout(new Span("Either a PEM chain (leaf and intermediates) with its key, or a "
                + "PKCS#12 file."), chain, key, new Span("PKCS#12 file:"), upload, password));
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm("Import", () -> {
            String id = attempt(() -> pkcs12.get() != null ? client.importPkcs12(pkcs12.get(), password.getValue())
                    : client.importPem(chain.getValue(), key.getValue(), password.getValue()));
            if (id != null) {
                dialog.close();
                success("Certificate imported; activate it to use it.");
            }
        }));
        return dialog;
    }

    /** Dialog: the CA's answer for a pending request. */
    Dialog installDialog(CertificateView pending) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Install the CA's certificate for " + pending.requestedSubject());
        TextArea chain = chain();
        dialog.add(chain);
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm("Install", () -> {
            String id = attempt(() -> client.importForRequest(pending.certificateId(), chain.getValue()));
            if (id != null) {
                dialog.close();
                success("CA certificate installed; activate it to use it.");
            }
        }));
        return dialog;
    }

    /** Dialog: confirm a deletion. */
    Dialog deleteDialog(CertificateView certificate) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Delete this certificate and its key?");
        dialog.add(new Span(certificate.details() != null ? certificate.details().subject()
                : certificate.requestedSubject()));
        dialog.getFooter().add(Dialogs.cancel(dialog), confirm("Delete", () -> {
            if (attempt(() -> {
                client.delete(certificate.certificateId());
                return true;
            }) != null) {
                dialog.close();
                success("Certificate deleted.");
            }
        }));
        return dialog;
    }

    private void activate(CertificateView certificate) {
        if (attempt(() -> {
            client.activate(certificate.certificateId());
            return true;
        }) != null) {
            success("Activated: every node presents it from its next STARTTLS on.");
        }
    }

    private static TextField commonName() {
        TextField cn = new TextField("Common name (host name)");
        cn.setId(CN_ID);
        cn.setRequired(true);
        return cn;
    }

    private static TextArea names() {
        TextArea sans = new TextArea("Other names (one per line; default: the common name)");
        sans.setId(SANS_ID);
        return sans;
    }

    private static Select<TlsKeyType> keyType() {
        Select<TlsKeyType> type = new Select<>();
        type.setId(KEY_TYPE_ID);
        type.setLabel("Key");
        type.setItems(TlsKeyType.values());
        type.setItemLabelGenerator(t -> t == TlsKeyType.RSA_2048 ? "RSA 2048" : "ECDSA P-256");
        type.setValue(TlsKeyType.RSA_2048);
        return type;
    }

    private static TextArea chain() {
        TextArea chain = new TextArea("Certificate chain (PEM)");
        chain.setId(CHAIN_ID);
        chain.setWidth("40em");
        return chain;
    }

    private static Button confirm(String text, Runnable action) {
        return Dialogs.confirm(text, CONFIRM_ID, false, action);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private <T> T attempt(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidCertificateCommandException | AccessDeniedException | IllegalStateException e) {
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
