package io.bulwark.admin.dkim;

import io.bulwark.admin.support.BackendUnavailableException;
import io.bulwark.admin.support.ApiError;
import io.bulwark.events.dkim.DkimKeyView;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
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
 * DKIM signing keys over REST, under {@value #PATH} (issue 10; the contract outside checks use):
 * {@code POST} creates a key ({@code {"domain", "selector", "algorithm": "rsa-2048"|"ed25519"}}, with
 * optional {@code signedHeaders}, {@code canonicalization}, {@code expiryDays}) and answers 201 with
 * the key; {@code GET} lists; {@code DELETE /{id}} retires a key (204, 404 unknown). Beyond the
 * contract: {@code GET /{id}}, {@code POST /import} (a PEM private key), and {@code GET /{id}/dns}
 * (whether DNS publishes the record: {@code published}, {@code missing}, {@code different},
 * {@code dns-error}). Every key carries the TXT record to publish and the SPF and DMARC records
 * suggested for its domain. Reads for every role; changes for ADMINISTRATOR (the API chain's default
 * for writes). Private keys go in (import) but never come out. Errors are {@code {"error": "..."}}
 * with 400, 404, 409 or 503.
 */
@RestController
@RequestMapping(DkimKeysController.PATH)
public class DkimKeysController {
    /** Base path. */
    public static final String PATH = "/api/v1/dkim/keys";

    private final DkimKeyAdministration keys;

    public DkimKeysController(DkimKeyAdministration keys) {
        this.keys = keys;
    }

    /** Body of {@code POST}. */
    public record CreateRequest(String domain, String selector, String algorithm, List<String> signedHeaders,
            String canonicalization, Integer expiryDays) {
    }

    /** Body of {@code POST /import}. */
    public record ImportRequest(String domain, String selector, String privateKeyPem, String keyPassword,
            List<String> signedHeaders, String canonicalization, Integer expiryDays) {
        @Override
        public String toString() {
            return "ImportRequest[" + selector + "._domainkey." + domain + "]"; // never the key or password
        }
    }

    /**
     * A key as the API shows it.
     *
     * @param active   whether it signs its domain's mail now (the domain's newest key)
     * @param dnsName  where to publish {@code dnsRecord}
     * @param expiryDays signature validity in days ({@code x=}), or null
     * @param suggested SPF and DMARC records suggested for the domain
     */
    public record DkimKey(String id, String domain, String selector, String algorithm, String origin, String dnsName,
            String dnsRecord, List<String> signedHeaders, String canonicalization, Integer expiryDays,
            Instant createdAt, String createdBy, boolean active, SenderRecords.Suggestion suggested) {
    }

    /** Answer of {@code GET /{id}/dns}. */
    public record DnsCheck(String status, String dnsName, String expected, List<String> found, String detail) {
    }

    @GetMapping
    public List<DkimKey> list() {
        return keys.keys().stream().map(this::json).toList();
    }

    @GetMapping("/{id}")
    public DkimKey get(@PathVariable String id) {
        return json(keys.key(id).orElseThrow(() -> new UnknownDkimKeyException(id)));
    }

    @PostMapping
    public ResponseEntity<DkimKey> create(@RequestBody CreateRequest request, Principal user) {
        if (request == null) {
            throw new InvalidDkimKeyException("A JSON body with domain, selector and algorithm is required");
        }
        return created(keys.create(request.domain(), request.selector(), request.algorithm(), request.signedHeaders(),
                request.canonicalization(), request.expiryDays(), user.getName()));
    }

    @PostMapping("/import")
    public ResponseEntity<DkimKey> importKey(@RequestBody ImportRequest request, Principal user) {
        if (request == null) {
            throw new InvalidDkimKeyException("A JSON body with domain, selector and privateKeyPem is required");
        }
        return created(keys.importPem(request.domain(), request.selector(), request.privateKeyPem(),
                request.keyPassword(), request.signedHeaders(), request.canonicalization(), request.expiryDays(),
                user.getName()));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, Principal user) {
        keys.delete(id, user.getName());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/dns")
    public DnsCheck dns(@PathVariable String id) {
        DkimKeyAdministration.DnsCheck check = keys.checkDns(id);
        String expected = keys.key(id).map(DkimKeyView::dnsRecord).orElse(null);
        return new DnsCheck(check.status().apiName(), check.dnsName(), expected, check.found(), check.detail());
    }

    private ResponseEntity<DkimKey> created(String id) {
        DkimKey key = keys.key(id).map(this::json).orElseThrow(
                () -> new BackendUnavailableException("DKIM key " + id + " was created but the list does not show it yet"));
        return ResponseEntity.created(URI.create(PATH + "/" + id)).body(key);
    }

    private DkimKey json(DkimKeyView view) {
        return new DkimKey(view.id(), view.domain(), view.selector(), view.algorithm(), view.origin(), view.dnsName(),
                view.dnsRecord(), view.signedHeaders(), view.canonicalization() == null ? "relaxed/relaxed"
                        : view.canonicalization(), view.signatureValidityDays(), view.createdAt(), view.createdBy(),
                view.active(), keys.suggestions(view.domain()));
    }

    @ExceptionHandler(UnknownDkimKeyException.class)
    ResponseEntity<ApiError> notFound(UnknownDkimKeyException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(DkimKeyConflictException.class)
    ResponseEntity<ApiError> conflict(DkimKeyConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(InvalidDkimKeyException.class)
    ResponseEntity<ApiError> invalid(InvalidDkimKeyException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.getMessage()));
    }
}
