package io.bulwark.admin.licence;

import io.bulwark.admin.support.ApiError;
import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceNotice;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.events.licence.LicenceType;
import io.bulwark.events.licence.LicenceView;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.licence.LicenceMode;
import io.bulwark.scan.licence.LicencePhase;
import io.bulwark.scan.licence.LicencePolicy;
import io.bulwark.scan.licence.LicenceStatus;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The licence over REST, under {@value #PATH} (docs/licensing.md):
 * <ul>
 *   <li>{@code GET} — what the licence allows now (mode, phase, scanning, updates, restricted
 *       modules, days left, warning), the active and additional key, the deny list and the notices;</li>
 *   <li>{@code GET /keys}, {@code GET /keys/{slot}} — the installed keys ({@code active},
 *       {@code additional});</li>
 *   <li>{@code POST /keys} {@code {"keyFile": "...", "slot": "active"|"additional"}} — installs a key
 *       file (201; 400 with the reason when it is tampered, signed by an untrusted authority,
 *       malformed or not valid for the slot; 409 for a trial used before or a blocked licence);</li>
 *   <li>{@code DELETE /keys/{slot}} — removes a key (204; 404 when the slot is empty);</li>
 *   <li>{@code POST /activation} {@code {"code": "...", "slot": ...}} — exchanges an activation code
 *       and installs the key (201; 404 unknown code; 503 no activation service);</li>
 *   <li>{@code POST /blocked} {@code {"licenceNumber", "reason"}}, {@code DELETE /blocked/{number}} —
 *       the deny list (204);</li>
 *   <li>{@code POST /check} — runs the licence check now and answers like {@code GET}.</li>
 * </ul>
 * Reads for every role; changes for ADMINISTRATOR (the API chain's default for writes). Errors are
 * {@code {"error": "..."}}.
 */
@RestController
@RequestMapping(LicenceController.PATH)
public class LicenceController {
    /** Base path. */
    public static final String PATH = "/api/v1/licence";

    private final LicenceAdministration licence;

    public LicenceController(LicenceAdministration licence) {
        this.licence = licence;
    }

    /** Body of {@code POST /keys}. */
    public record InstallRequest(String keyFile, String slot) {
    }

    /** Body of {@code POST /activation}. */
    public record ActivationRequest(String code, String slot) {
    }

    /** Body of {@code POST /blocked}. */
    public record BlockRequest(String licenceNumber, String reason) {
    }

    /**
     * An installed key as the API shows it ("Viewing information about the license and added keys").
     *
     * @param validity    {@code valid}, {@code expired} or {@code not-yet-valid} now
     * @param daysLeft    whole days until expiry (rounded up), 0 once expired
     * @param installedAt when the active key was installed (null for the additional key)
     */
    public record Key(String slot, String licenceNumber, String holder, String product, String licensingUnit,
            long unitLimit, LicenceType type, FunctionalityLevel functionality, Instant start, Instant expiry,
            int graceDays, String validity, long daysLeft, String authorityKeyId, String sha256, Instant installedAt) {
    }

    /** A notice in the history. */
    public record Notice(LicenceNotice notice, String licenceNumber, Integer daysLeft, String reason, Instant at) {
    }

    /**
     * Answer of {@code GET}.
     *
     * @param restrictedModules modules the licence withholds, with why (they report NOT_SCANNED)
     * @param warning           whether the console shows a warning banner
     */
    public record Status(LicenceMode mode, LicencePhase phase, boolean scanning, boolean updates,
            Map<ProtectionModule, String> restrictedModules, String licenceNumber, LicenceType keyType,
            FunctionalityLevel functionality, Instant expiry, Integer daysLeft, boolean warning, String message,
            boolean enforced, int warningDays, List<String> trustedAuthorities, Key activeKey, Key additionalKey,
            List<String> blocked, List<Notice> notices) {
    }

    @GetMapping
    public Status status() {
        return json(licence.overview());
    }

    @PostMapping("/check")
    public Status check(Principal user) {
        licence.check(user.getName());
        return status();
    }

    @GetMapping("/keys")
    public List<Key> keys() {
        LicenceAdministration.Overview overview = licence.overview();
        List<Key> keys = new ArrayList<>();
        if (overview.licence().active() != null) {
            keys.add(key(LicenceSlot.ACTIVE, overview.licence().active(), overview.licence().activeInstalledAt()));
        }
        if (overview.licence().additional() != null) {
            keys.add(key(LicenceSlot.ADDITIONAL, overview.licence().additional(), null));
        }
        return keys;
    }

    @GetMapping("/keys/{slot}")
    public Key key(@PathVariable String slot) {
        LicenceSlot which = slot(slot);
        return keys().stream().filter(k -> k.slot().equals(apiName(which))).findFirst()
                .orElseThrow(() -> new UnknownLicenceKeyException("There is no " + apiName(which) + " licence key"));
    }

    @PostMapping("/keys")
    public ResponseEntity<Key> install(@RequestBody InstallRequest request, Principal user) {
        if (request == null) {
            throw new InvalidLicenceKeyException("A JSON body with keyFile is required");
        }
        LicenceSlot slot = slot(request.slot());
        licence.install(request.keyFile(), slot, user.getName());
        return created(slot);
    }

    @PostMapping("/activation")
    public ResponseEntity<Key> activate(@RequestBody ActivationRequest request, Principal user) {
        if (request == null) {
            throw new InvalidLicenceKeyException("A JSON body with code is required");
        }
        LicenceSlot slot = slot(request.slot());
        licence.activate(request.code(), slot, user.getName());
        return created(slot);
    }

    @DeleteMapping("/keys/{slot}")
    public ResponseEntity<Void> remove(@PathVariable String slot, Principal user) {
        licence.remove(slot(slot), user.getName());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/blocked")
    public ResponseEntity<Void> block(@RequestBody BlockRequest request, Principal user) {
        if (request == null || request.licenceNumber() == null) {
            throw new InvalidLicenceKeyException("A JSON body with licenceNumber is required");
        }
        licence.block(request.licenceNumber(), request.reason(), user.getName());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/blocked/{licenceNumber}")
    public ResponseEntity<Void> unblock(@PathVariable String licenceNumber, Principal user) {
        licence.unblock(licenceNumber, user.getName());
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Key> created(LicenceSlot slot) {
        return ResponseEntity.created(URI.create(PATH + "/keys/" + apiName(slot))).body(key(apiName(slot)));
    }

    private Status json(LicenceAdministration.Overview overview) {
        LicenceStatus s = overview.status();
        LicenceView view = overview.licence();
        return new Status(s.mode(), s.phase(), s.scanningAllowed(), s.updatesAllowed(), s.withheld(),
                s.licenceNumber(), s.keyType(), s.functionality(), s.expiry(), s.daysLeft(), s.warning(), s.message(),
                overview.settings().enforce(), overview.settings().warningDays(), overview.trustedAuthorities(),
                view.active() == null ? null : key(LicenceSlot.ACTIVE, view.active(), view.activeInstalledAt()),
                view.additional() == null ? null : key(LicenceSlot.ADDITIONAL, view.additional(), null),
                view.blocked(), view.notices().stream().map(n -> new Notice(n.notice(), n.licenceNumber(),
                        n.daysLeft(), n.reason(), n.at())).toList());
    }

    private Key key(LicenceSlot slot, LicenceKeyFacts k, Instant installedAt) {
        Instant now = licence.now();
        String validity = now.isBefore(k.start()) ? "not-yet-valid" : now.isBefore(k.expiry()) ? "valid" : "expired";
        long daysLeft = now.isBefore(k.expiry()) ? LicencePolicy.daysUntil(now, k.expiry()) : 0;
        return new Key(apiName(slot), k.licenceNumber(), k.holder(), k.product(), k.licensingUnit(), k.unitLimit(),
                k.type(), k.functionality(), k.start(), k.expiry(), k.graceDays(), validity, daysLeft,
                k.authorityKeyId(), k.sha256(), installedAt);
    }

    private static LicenceSlot slot(String slot) {
        if (slot == null || slot.isBlank()) {
            return LicenceSlot.ACTIVE;
        }
        try {
            return LicenceSlot.valueOf(slot.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidLicenceKeyException("The slot is active or additional, not '" + slot + "'");
        }
    }

    private static String apiName(LicenceSlot slot) {
        return slot.name().toLowerCase(Locale.ROOT);
    }

    @ExceptionHandler(UnknownLicenceKeyException.class)
    ResponseEntity<ApiError> notFound(UnknownLicenceKeyException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(LicenceConflictException.class)
    ResponseEntity<ApiError> conflict(LicenceConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(InvalidLicenceKeyException.class)
    ResponseEntity<ApiError> invalid(InvalidLicenceKeyException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.getMessage()));
    }
}

