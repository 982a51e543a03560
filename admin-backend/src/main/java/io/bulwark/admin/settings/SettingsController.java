package io.bulwark.admin.settings;

import io.bulwark.admin.support.ApiError;
import io.bulwark.events.settings.RoutingSettings;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Node settings over REST, under {@code /api/v1/settings}. Reads for every role, changes for
 * ADMINISTRATOR (the API filter chain); the actor of a change is the authenticated user.
 *
 * <p>{@code GET|PUT /routing}: JSON fields {@code relayDomains}, {@code mynetworks},
 * {@code relayhost}, {@code transportMap} (domain → next hop) and {@code verifyRecipients} (a
 * contract outside checks use); the answer adds {@code source} ({@code properties} until the first
 * change, then {@code console}), {@code changedBy} and {@code changedAt}. A PUT replaces the whole
 * area: a field left out is empty afterwards. Every problem of a refused change is listed in
 * {@code error} and {@code problems}; nothing is applied then.
 */
@RestController
@RequestMapping("/api/v1/settings")
public class SettingsController {
    private final RoutingSettingsAdministration routing;

    public SettingsController(RoutingSettingsAdministration routing) {
        this.routing = routing;
    }

    /** The routing as the API shows it. */
    public record RoutingView(List<String> relayDomains, List<String> mynetworks, String relayhost,
            Map<String, String> transportMap, List<String> verifyRecipients, String source, String changedBy,
            Instant changedAt) {
        static RoutingView of(RoutingSettingsAdministration.Current current) {
            RoutingSettings s = current.settings();
            return new RoutingView(s.relayDomains(), s.mynetworks(), s.relayhost(), s.transportMap(),
                    s.verifyRecipients(), current.source(), current.changedBy(), current.changedAt());
        }
    }

    /** Body of a refused change: the sentence and the list. */
    public record SettingsError(String error, List<String> problems) {
    }

    @GetMapping("/routing")
    public RoutingView routing() {
        return RoutingView.of(routing.current());
    }

    @PutMapping("/routing")
    public RoutingView changeRouting(@RequestBody RoutingSettings settings, Principal user) {
        return RoutingView.of(routing.change(settings, user.getName()));
    }

    @ExceptionHandler(InvalidSettingsException.class)
    ResponseEntity<SettingsError> invalid(InvalidSettingsException e) {
        return ResponseEntity.badRequest().body(new SettingsError(e.getMessage(), e.problems()));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ApiError> concurrent(ConcurrencyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(new ApiError("Someone else changed the settings at the same moment; reload and try again"));
    }
}
