package io.bulwark.admin.queue;

import io.bulwark.events.queue.ChangeNodeTrafficCommand;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.TrafficDirection;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Gateway nodes over REST, under {@code /api/v1/nodes}: their receiving and sending switches
 * (reference D.1, "Sending messages" / "Receiving messages"). {@code GET} for every role; switching
 * for ADMINISTRATOR only (the API chain's default for writes). The path segment {@value #ALL}
 * switches every node.
 */
@RestController
@RequestMapping(NodesController.PATH)
public class NodesController {
    /** Base path. */
    public static final String PATH = "/api/v1/nodes";
    /** The node name that stands for every node. */
    public static final String ALL = "all";

    private final QueueAdministration queue;

    public NodesController(QueueAdministration queue) {
        this.queue = queue;
    }

    /** Body of the switch requests. */
    public record Switch(Boolean enabled) {
    }

    /** Answer to an accepted switch. */
    public record SwitchAccepted(String requestId, String node, TrafficDirection direction, boolean enabled) {
    }

    @GetMapping
    public List<NodeStatusView> nodes() {
        return queue.nodes();
    }

    @PostMapping("/{node}/receiving")
    public ResponseEntity<SwitchAccepted> receiving(@PathVariable String node, @RequestBody Switch body,
            Principal user) {
        return change(node, TrafficDirection.RECEIVING, body, user);
    }

    @PostMapping("/{node}/sending")
    public ResponseEntity<SwitchAccepted> sending(@PathVariable String node, @RequestBody Switch body,
            Principal user) {
        return change(node, TrafficDirection.SENDING, body, user);
    }

    private ResponseEntity<SwitchAccepted> change(String node, TrafficDirection direction, Switch body,
            Principal user) {
        if (body == null || body.enabled() == null) {
            throw new InvalidQueueCommandException("'enabled' (true or false) is required");
        }
        String target = ALL.equals(node) ? null : node;
        String requestId = queue.request(new ChangeNodeTrafficCommand(target, direction, body.enabled(),
                user.getName()));
        return ResponseEntity.accepted().body(new SwitchAccepted(requestId, node, direction, body.enabled()));
    }
}
