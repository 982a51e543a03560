package io.bulwark.admin.settings;

import io.bulwark.admin.support.ApiError;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.bulwark.events.settings.DnsServerSettings;
import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.MtaSettings;
import io.bulwark.events.settings.RoutingSettings;
import io.bulwark.events.settings.TlsPolicySettings;
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
 * area: a field left out is empty afterwards.
 *
 * <p>The same for {@code /tls-policy} ({@code inbound}, {@code requireClientCertificate},
 * {@code outbound}, {@code outboundPerDomain}), {@code /mta} ({@code maxMessageSize},
 * {@code maxRecipients}, {@code maxConnections}, {@code maxConnectionsPerClient},
 * {@code commandTimeoutSeconds}, {@code dataTimeoutSeconds}, {@code bannerHostname}),
 * {@code /modules} ({@code antivirus}, {@code antispam}, {@code antiphishing},
 * {@code senderAuthentication}, {@code contentFiltering}; all required) and {@code /dns}
 * ({@code servers}, {@code timeoutMillis}). Every problem of a refused change is listed in
 * {@code error} and {@code problems}; nothing is applied then.
 */
@RestController
@RequestMapping("/api/v1/settings")
public class SettingsController {
    private final RoutingSettingsAdministration routing;
    private final SettingsAreas areas;

    public SettingsController(RoutingSettingsAdministration routing, SettingsAreas areas) {
        this.routing = routing;
        this.areas = areas;
    }

    /**
     * An area as the API shows it: the settings' own fields, then {@code source},
     * {@code changedBy}, {@code changedAt}.
     */
    public record AreaView<S>(@JsonUnwrapped S settings, String source, String changedBy, Instant changedAt) {
        static <S> AreaView<S> of(AreaAdministration.Current<S> current) {
            return new AreaView<>(current.settings(), current.source(), current.changedBy(), current.changedAt());
        }
    }

    /**
     * A module switches change: every switch must be given, since a switch left out would
     * otherwise read as "off" and silently stop a module.
     */
    public record ModuleSwitchesChange(Boolean antivirus, Boolean antispam, Boolean antiphishing,
            Boolean senderAuthentication, Boolean contentFiltering) {
        ModuleSwitches toSettings() {
            List<String> missing = new java.util.ArrayList<>();
            java.util.Map<String, Boolean> given = new java.util.LinkedHashMap<>();
            given.put("antivirus", antivirus);
            given.put("antispam", antispam);
            given.put("antiphishing", antiphishing);
            given.put("senderAuthentication", senderAuthentication);
            given.put("contentFiltering", contentFiltering);
            given.forEach((name, value) -> {
                if (value == null) {
                    missing.add("module switch '" + name + "' is missing (true or false)");
                }
            });
            if (!missing.isEmpty()) {
                throw new InvalidSettingsException(missing);
            }
            return new ModuleSwitches(antivirus, antispam, antiphishing, senderAuthentication, contentFiltering);
        }
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

    @GetMapping("/tls-policy")
    public AreaView<TlsPolicySettings> tlsPolicy() {
        return AreaView.of(areas.tlsPolicy().current());
    }

    @PutMapping("/tls-policy")
    public AreaView<TlsPolicySettings> changeTlsPolicy(@RequestBody TlsPolicySettings settings, Principal user) {
        return AreaView.of(areas.tlsPolicy().change(settings, user.getName()));
    }

    @GetMapping("/mta")
    public AreaView<MtaSettings> mta() {
        return AreaView.of(areas.mta().current());
    }

    @PutMapping("/mta")
    public AreaView<MtaSettings> changeMta(@RequestBody MtaSettings settings, Principal user) {
        return AreaView.of(areas.mta().change(settings, user.getName()));
    }

    @GetMapping("/modules")
    public AreaView<ModuleSwitches> modules() {
        return AreaView.of(areas.modules().current());
    }

    @PutMapping("/modules")
    public AreaView<ModuleSwitches> changeModules(@RequestBody ModuleSwitchesChange change, Principal user) {
        return AreaView.of(areas.modules().change(change.toSettings(), user.getName()));
    }

    @GetMapping("/dns")
    public AreaView<DnsServerSettings> dns() {
        return AreaView.of(areas.dns().current());
    }

    @PutMapping("/dns")
    public AreaView<DnsServerSettings> changeDns(@RequestBody DnsServerSettings settings, Principal user) {
        return AreaView.of(areas.dns().change(settings, user.getName()));
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
