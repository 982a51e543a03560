package io.bulwark.admin.queue;

import io.bulwark.events.admin.AdminRole;
import io.bulwark.events.message.QueueName;
import io.bulwark.events.queue.FindQueueCountsQuery;
import io.bulwark.events.queue.FindQueuedMessagesQuery;
import io.bulwark.events.queue.QueueAction;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.queue.QueuedMessageView;
import io.bulwark.events.queue.RequestQueueActionCommand;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The message queue over REST, under {@code /api/v1/queue}: the queue view across all nodes, the
 * counts per queue and node, and queue actions.
 *
 * <p>Roles (reference H.7: the commercial gateway's HelpDesk handles messages, not the system):
 * every role reads; ADMINISTRATOR and HELPDESK may force delivery, hold and release; only
 * ADMINISTRATOR may delete, because a deletion cannot be undone and sends no DSN. An action is
 * accepted ({@code 202}) once its request is recorded; each node performs it on the messages it
 * holds, and its results appear in the queue view and the event stream (with the request id).
 */
@RestController
@RequestMapping(QueueController.PATH)
public class QueueController {
    /** Base path. */
    public static final String PATH = "/api/v1/queue";

    private final QueueAdministration administration;

    public QueueController(QueueAdministration administration) {
        this.administration = administration;
    }

    /** Body of {@code POST /actions}. */
    public record ActionRequest(QueueAction action, List<String> queueIds, Boolean all, String node) {
    }

    /** Answer to an accepted action. */
    public record ActionAccepted(String requestId, QueueAction action, List<String> queueIds, boolean all,
            String node) {
    }

    /** Answer of {@code GET /counts}: per node, and the sum. */
    public record Counts(List<QueueCountsView> nodes, QueueCountsView total) {
    }

    @GetMapping
    public List<QueuedMessageView> find(@RequestParam(required = false) String queue,
            @RequestParam(required = false) String node,
            @RequestParam(required = false) String messageId,
            @RequestParam(required = false) String sender,
            @RequestParam(required = false) String recipient,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "" + QueueViewProjection.DEFAULT_LIMIT) int limit) {
        if (queue != null && !queue.isBlank() && Arrays.stream(QueueName.values()).noneMatch(q -> q.name().equals(queue))) {
            throw new InvalidQueueCommandException("Unknown queue '" + queue + "': one of "
                    + Arrays.toString(QueueName.values()));
        }
        if (sort != null && !sort.isBlank()
                && !FindQueuedMessagesQuery.SORT_KEYS.contains(sort.startsWith("-") ? sort.substring(1) : sort)) {
            throw new InvalidQueueCommandException("Unknown sort '" + sort + "': one of "
                    + FindQueuedMessagesQuery.SORT_KEYS + ", '-' in front for descending");
        }
        if (limit < 1) {
            throw new InvalidQueueCommandException("limit must be 1 or more");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidQueueCommandException("from must be before to");
        }
        return administration.find(new FindQueuedMessagesQuery(queue, node, messageId, sender, recipient, from, to, sort,
                Math.min(limit, QueueViewProjection.MAX_LIMIT)));
    }


    @GetMapping("/counts")
    public Counts counts() {
        List<QueueCountsView> nodes = administration.counts();
        QueueCountsView total = nodes.stream().reduce(QueueCountsView.of(null, 0, 0, 0, 0),
                (sum, node) -> sum.plus(node, null));
        return new Counts(nodes, total);
    }

    @PostMapping("/actions")
    public ResponseEntity<ActionAccepted> act(@RequestBody ActionRequest request, Authentication user) {
        if (request.action() == QueueAction.DELETE && !isAdministrator(user)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Deleting queued messages needs ADMINISTRATOR");
        }
        boolean all = Boolean.TRUE.equals(request.all());
        List<String> ids = request.queueIds() == null ? List.of() : request.queueIds();
        String requestId = administration.request(new RequestQueueActionCommand(request.action(), ids, all, request.node(),
                user.getName()));
        return ResponseEntity.accepted().body(new ActionAccepted(requestId, request.action(), ids, all,
                request.node()));
    }

    static boolean isAdministrator(Authentication user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(("ROLE_" + AdminRole.ADMINISTRATOR.name())::equals);
    }
}
