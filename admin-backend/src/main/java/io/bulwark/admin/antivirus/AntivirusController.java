package io.bulwark.admin.antivirus;

import io.bulwark.admin.support.ApiError;
import io.bulwark.events.antivirus.AntivirusNodeView;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anti-virus signature databases over REST, under {@code /api/v1/antivirus}:
 * {@code GET /databases} (every role) lists each node's databases, versions, records, age and last
 * update result; {@code POST /updates} (ADMINISTRATOR, the API chain's default for writes) with an
 * optional body {@code {"node": "gw-1"}} asks that node, or every node without one, to update now
 * and answers 202 with the request id. Errors as {@code {"error": "..."}}: 400 for a bad node id or
 * body, 503 when the backend does not answer.
 */
@RestController
@RequestMapping(AntivirusController.PATH)
public class AntivirusController {
    /** Base path. */
    public static final String PATH = "/api/v1/antivirus";

    private final AntivirusAdministration antivirus;

    public AntivirusController(AntivirusAdministration antivirus) {
        this.antivirus = antivirus;
    }

    /** Body of an update request: the node, or none for every node. */
    public record UpdateRequest(String node) {
    }

    /** Answer to an accepted update request. */
    public record UpdateAccepted(String requestId, String node) {
    }

    @GetMapping("/databases")
    public List<AntivirusNodeView> databases() {
        return antivirus.databases();
    }

    @PostMapping("/updates")
    public ResponseEntity<UpdateAccepted> update(@RequestBody(required = false) UpdateRequest body, Principal user) {
        String node = body == null || body.node() == null || body.node().isBlank() ? null : body.node();
        String requestId = antivirus.requestUpdate(node, user.getName());
        return ResponseEntity.accepted().body(new UpdateAccepted(requestId, node));
    }

    @ExceptionHandler(InvalidAntivirusRequestException.class)
    ResponseEntity<ApiError> invalid(InvalidAntivirusRequestException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.getMessage()));
    }
}
