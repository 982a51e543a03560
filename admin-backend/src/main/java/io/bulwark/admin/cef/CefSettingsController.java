package io.bulwark.admin.cef;

import io.bulwark.admin.support.ApiError;
import java.security.Principal;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CEF export's settings over REST, under {@value #PATH}: {@code GET} answers the settings in
 * force and this node's exporter status (every role); {@code PUT} with
 * {@code {"enabled": true, "target": "tls://siem.example:6514", "facility": "local0"}} changes them
 * through the audited command (ADMINISTRATOR, the API chain's default for writes) and answers the new
 * settings. {@code transport} is read-only: the target's scheme. Errors are {@code {"error": "..."}}
 * with 400 or 503.
 */
@RestController
@RequestMapping(CefSettingsController.PATH)
public class CefSettingsController {
    /** Base path. */
    public static final String PATH = "/api/v1/settings/cef";

    private final CefExportAdministration administration;

    public CefSettingsController(CefExportAdministration administration) {
        this.administration = administration;
    }

    /** Body of {@code PUT}. */
    public record ChangeRequest(Boolean enabled, String target, String facility) {
    }

    /**
     * The settings and the status.
     *
     * @param failing     whether this node's exporter cannot reach the target now
     * @param failingSince since when
     * @param lastError   the last failure's reason
     * @param sent        records confirmed by the target since this node started
     * @param lastSentAt  when the last ones were
     */
    public record Settings(boolean enabled, String target, String transport, String facility, boolean failing,
            Instant failingSince, String lastError, long sent, Instant lastSentAt) {
    }

    @GetMapping
    public Settings get() {
        return json(administration.settings());
    }

    @PutMapping
    public Settings change(@RequestBody ChangeRequest request, Principal user) {
        if (request == null || request.enabled() == null) {
            throw new InvalidCefSettingsException("A JSON body with enabled, target and facility is required");
        }
        return json(administration.change(request.enabled(), request.target(), request.facility(), user.getName()));
    }

    private Settings json(CefExportSettings settings) {
        CefExportHealth.Status status = administration.status();
        return new Settings(settings.enabled(), settings.targetText(), settings.transport(), settings.facility(),
                status.failing(), status.since(), status.lastError(), status.sent(), status.lastSentAt());
    }

    @ExceptionHandler(InvalidCefSettingsException.class)
    ResponseEntity<ApiError> invalid(InvalidCefSettingsException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.getMessage()));
    }
}
