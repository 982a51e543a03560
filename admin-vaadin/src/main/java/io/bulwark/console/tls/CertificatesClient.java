package io.bulwark.console.tls;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.tls.CertificateAdministration;
import io.bulwark.events.tls.CertificateView;
import io.bulwark.events.tls.TlsKeyType;
import java.util.Base64;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to certificate management, over the backend's
 * {@link CertificateAdministration}. Every role reads; only ADMINISTRATOR changes (checked here on
 * the server, whatever the page shows). Refusals: {@link AccessDeniedException} and the backend's
 * {@link io.bulwark.admin.tls.InvalidCertificateCommandException} family. Stateless and thread-safe.
 */
@Component
public class CertificatesClient {

    private final CertificateAdministration certificates;

    public CertificatesClient(CertificateAdministration certificates) {
        this.certificates = certificates;
    }

    /** Whether the user may change certificates. */
    public boolean canChange() {
        return Roles.isAdministrator();
    }

    /** Every certificate, soonest expiry first. */
    public List<CertificateView> certificates() {
        return certificates.certificates();
    }

    /** Creates a self-signed certificate; returns its id. */
    public String createSelfSigned(String commonName, List<String> names, int days, TlsKeyType type) {
        return visible(certificates.createSelfSigned(commonName, names, days, type, administrator()));
    }

    /** Creates a key and a CSR; returns the pending certificate and the request's PEM. */
    public CertificateAdministration.SigningRequest createSigningRequest(String commonName, List<String> names,
            TlsKeyType type) {
        var request = certificates.createSigningRequest(commonName, names, type, administrator());
        certificates.awaitCertificate(request.certificateId(), view -> true);
        return request;
    }

    /** The PEM request of a pending certificate. */
    public String signingRequest(String certificateId) {
        return certificates.signingRequest(certificateId);
    }

    /** Imports a PEM chain and key. */
    public String importPem(String chainPem, String keyPem, String keyPassword) {
        return visible(certificates.importPem(chainPem, keyPem, keyPassword, administrator()));
    }

    /** Imports a PKCS#12 file. */
    public String importPkcs12(byte[] pkcs12, String password) {
        return visible(certificates.importPkcs12(Base64.getEncoder().encodeToString(pkcs12), password,
                administrator()));
    }

    /** Installs the CA's answer for a pending request. */
    public String importForRequest(String certificateId, String chainPem) {
        return visible(certificates.importForRequest(certificateId, chainPem, administrator()));
    }

    /** Makes the certificate the listener's on every node. */
    public void activate(String certificateId) {
        certificates.activate(certificateId, administrator());
        certificates.awaitCertificate(certificateId, view -> "ACTIVE".equals(view.status()));
    }

    /** Deletes a certificate and its key. */
    public void delete(String certificateId) {
        certificates.delete(certificateId, administrator());
        certificates.awaitDeleted(certificateId);
    }

    /** Waits (bounded) until the list shows the change, so the page's refresh shows it too. */
    private String visible(String certificateId) {
        certificates.awaitCertificate(certificateId, view -> !"PENDING".equals(view.status()));
        return certificateId;
    }

    private String administrator() {
        if (!canChange()) {
            throw new AccessDeniedException("Changing certificates needs ADMINISTRATOR");
        }
        return Roles.actor();
    }
}
