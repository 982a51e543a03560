package io.bulwark.admin.tls;

import io.bulwark.admin.support.ApiError;
import io.bulwark.events.tls.CertificateView;
import io.bulwark.events.tls.TlsKeyType;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The listener's certificates over REST, under {@code /api/v1/certificates}: list with expiry, create
 * self-signed, create a key and CSR, download the CSR, import (PEM chain + key, PKCS#12 as base64,
 * or the CA's answer to a request), activate, delete. Reads for every role; changes for
 * ADMINISTRATOR (the API chain's default for writes). Keys go in (uploads) but never come out: no
 * endpoint returns a private key. Errors are {@code {"error": "..."}} with 400, 404 or 409.
 */
@RestController
@RequestMapping(CertificatesController.PATH)
public class CertificatesController {
    /** Base path. */
    public static final String PATH = "/api/v1/certificates";

    private final CertificateAdministration certificates;

    public CertificatesController(CertificateAdministration certificates) {
        this.certificates = certificates;
    }

    /** Body of {@code POST /self-signed}. */
    public record SelfSignedRequest(String commonName, List<String> subjectAltNames, Integer validityDays,
            TlsKeyType keyType) {
    }

    /** Body of {@code POST /csr}. */
    public record CsrRequest(String commonName, List<String> subjectAltNames, TlsKeyType keyType) {
    }

    /**
     * Body of {@code POST /import}: {@code chainPem} + {@code keyPem} (+ {@code keyPassword}), or
     * {@code pkcs12} (base64) + {@code password}, or {@code certificateId} of a pending request +
     * {@code chainPem}.
     */
    public record ImportRequest(String certificateId, String chainPem, String keyPem, String keyPassword,
            String pkcs12, String password) {
        @Override
        public String toString() {
            return "ImportRequest[" + certificateId + "]"; // never the key or passwords
        }
    }

    /** Answer of {@code POST /csr}. */
    public record CsrCreated(String certificateId, String csrPem) {
    }

    @GetMapping
    public List<CertificateView> list() {
        return certificates.certificates();
    }

    @GetMapping("/{id}")
    public CertificateView get(@PathVariable String id) {
        return certificates.certificate(id).orElseThrow(() -> new UnknownCertificateException(id));
    }

    @PostMapping("/self-signed")
    public ResponseEntity<CertificateView> selfSigned(@RequestBody SelfSignedRequest request, Principal user) {
        String id = certificates.createSelfSigned(request.commonName(), request.subjectAltNames(),
                request.validityDays() == null ? 365 : request.validityDays(), request.keyType(), user.getName());
        return created(id);
    }

    @PostMapping("/csr")
    public ResponseEntity<CsrCreated> csr(@RequestBody CsrRequest request, Principal user) {
        CertificateAdministration.SigningRequest created = certificates.createSigningRequest(request.commonName(),
                request.subjectAltNames(), request.keyType(), user.getName());
        return ResponseEntity.created(URI.create(PATH + "/" + created.certificateId()))
                .body(new CsrCreated(created.certificateId(), created.csrPem()));
    }

    @GetMapping(value = "/{id}/csr", produces = "application/pkcs10")
    public ResponseEntity<String> downloadCsr(@PathVariable String id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".csr\"")
                .contentType(MediaType.parseMediaType("application/pkcs10"))
                .body(certificates.signingRequest(id));
    }

    @PostMapping("/import")
    public ResponseEntity<CertificateView> importCertificate(@RequestBody ImportRequest request, Principal user) {
        String id;
        if (request.certificateId() != null && !request.certificateId().isBlank()) {
            id = certificates.importForRequest(request.certificateId(), request.chainPem(), user.getName());
        } else if (request.pkcs12() != null && !request.pkcs12().isBlank()) {
            id = certificates.importPkcs12(request.pkcs12(), request.password(), user.getName());
        } else {
            id = certificates.importPem(request.chainPem(), request.keyPem(), request.keyPassword(), user.getName());
        }
        return created(id);
    }

    @PostMapping("/{id}/activate")
    public CertificateView activate(@PathVariable String id, Principal user) {
        certificates.activate(id, user.getName());
        return certificates.awaitCertificate(id, view -> "ACTIVE".equals(view.status()))
                .orElseThrow(() -> new UnknownCertificateException(id));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, Principal user) {
        certificates.delete(id, user.getName());
        return ResponseEntity.noContent().build();
    }

    /**
     * The view of a just-created certificate, once the list shows it (normally at once; should the
     * list lag by seconds, the answer carries only the id).
     */
    private ResponseEntity<CertificateView> created(String id) {
        CertificateView view = certificates.awaitCertificate(id, v -> !"PENDING".equals(v.status()))
                .orElse(new CertificateView(id, null, null, null, null, null, null, null, null));
        return ResponseEntity.created(URI.create(PATH + "/" + id)).body(view);
    }

    @ExceptionHandler(UnknownCertificateException.class)
    ResponseEntity<ApiError> notFound(UnknownCertificateException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(CertificateConflictException.class)
    ResponseEntity<ApiError> conflict(CertificateConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(InvalidCertificateCommandException.class)
    ResponseEntity<ApiError> invalid(InvalidCertificateCommandException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.getMessage()));
    }
}
