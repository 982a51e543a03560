package io.bulwark.admin.history;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.history.RebuildProjectionCommand;
import io.bulwark.events.history.RotateSealingKeyCommand;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The auditor's history API (docs/history.md). Reading is open to every role (like the event
 * stream); rotating the key and rebuilding need ADMINISTRATOR (ApiSecurityConfiguration: every
 * non-GET call).
 *
 * <ul>
 *   <li>{@code GET /api/v1/history/verify?from=&to=}: 200 with a {@link Verification}, intact or not;</li>
 *   <li>{@code GET /api/v1/history/export?from=&to=}: JSON Lines ({@link HistoryExport});</li>
 *   <li>{@code GET /api/v1/history/keys}, {@code POST /api/v1/history/keys/rotate};</li>
 *   <li>{@code GET /api/v1/history/projections}, {@code POST /api/v1/history/projections/{group}/rebuild};</li>
 *   <li>{@code GET /api/v1/history/configuration?at=}, {@code GET /api/v1/history/configuration/diff?from=&to=}.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/history")
public class HistoryController {
    private final ChainVerifier verifier;
    private final HistoryExport export;
    private final SealingKeys keys;
    private final ProjectionRebuilds rebuilds;
    private final ConfigurationHistory configuration;
    private final CommandGateway commands;

    public HistoryController(ChainVerifier verifier, HistoryExport export, SealingKeys keys,
            ProjectionRebuilds rebuilds, ConfigurationHistory configuration, CommandGateway commands) {
        this.verifier = verifier;
        this.export = export;
        this.keys = keys;
        this.rebuilds = rebuilds;
        this.configuration = configuration;
        this.commands = commands;
    }

    @GetMapping("/verify")
    public Verification verify(@RequestParam(defaultValue = "1") long from, @RequestParam(required = false) Long to) {
        return verifier.verify(from, to);
    }

    @GetMapping(value = "/export", produces = "application/x-ndjson")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "1") long from,
            @RequestParam(required = false) Long to) {
        if (from < 1 || (to != null && to < from)) {
            throw new InvalidHistoryCommandException("from must be 1 or more and to not below it");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .header("Content-Disposition", "attachment; filename=\"bulwark-history.jsonl\"")
                .body(out -> export.write(from, to, out));
    }

    @GetMapping("/keys")
    public List<KeyView> keys() {
        return keys.all().stream().map(k -> new KeyView(k.keyId(), SealingKeys.ALGORITHM, k.publicKey(), k.pem(),
                k.activatedAt(), k.previousKeyId())).toList();
    }

    @PostMapping("/keys/rotate")
    public ResponseEntity<Map<String, String>> rotate(@RequestBody(required = false) RotateRequest request,
            Authentication user) {
        String keyId = BusCalls.await(commands.send(new RotateSealingKeyCommand(user.getName(),
                request == null ? null : request.reason())), "History keys");
        return ResponseEntity.ok(Map.of("keyId", keyId));
    }

    @GetMapping("/projections")
    public List<ProjectionRebuilds.ReadModelStatus> projections() {
        return rebuilds.status();
    }

    @PostMapping("/projections/{group}/rebuild")
    public ResponseEntity<Map<String, String>> rebuild(@PathVariable String group, Authentication user) {
        String requestId = BusCalls.await(commands.send(new RebuildProjectionCommand(group, user.getName())),
                "Read models");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("requestId", requestId, "processingGroup", group));
    }

    @GetMapping("/configuration")
    public ConfigurationHistory.ConfigurationAt configurationAt(@RequestParam Instant at) {
        return configuration.at(at);
    }

    @GetMapping("/configuration/diff")
    public ConfigurationHistory.ConfigurationDiff configurationDiff(@RequestParam Instant from, @RequestParam Instant to) {
        return configuration.diff(from, to);
    }

    /** A history key's public half. */
    public record KeyView(String keyId, String algorithm, String publicKey, String pem, Instant activatedAt,
            String previousKeyId) {
    }

    /** Body of a key rotation. */
    public record RotateRequest(String reason) {
    }
}
