package io.bulwark.admin.tracking;

import io.bulwark.events.query.FindMessagesQuery;
import io.bulwark.events.query.MessageTrackingView;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Message tracking over REST:
 * {@code GET /api/v1/messages?sender=&recipient=&status=&from=&to=&module=&moduleStatus=&rule=&clientAddress=&messageId=&limit=},
 * also answered at {@value #TRACKING_PATH} with the same parameters (the name issue 14's work used).
 * Reads through Axon's query bus ({@link FindMessagesQuery}), like the console, so both see the same
 * rows. {@code from} and {@code to} are ISO-8601 instants; rows come newest first.
 */
@RestController
@RequestMapping({MessageTrackingController.PATH, MessageTrackingController.TRACKING_PATH})
public class MessageTrackingController {
    /** The path since the first release. */
    public static final String PATH = "/api/v1/messages";
    /** The same search under the feature's name. */
    public static final String TRACKING_PATH = "/api/v1/tracking";

    private static final long QUERY_TIMEOUT_SECONDS = 30;

    private final QueryGateway queryGateway;

    public MessageTrackingController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping
    public List<MessageTrackingView> find(@RequestParam(required = false) String sender,
            @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String module,
            @RequestParam(required = false) String moduleStatus,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String clientAddress,
            @RequestParam(required = false) String messageId,
            @RequestParam(defaultValue = "" + MessageTrackingProjection.DEFAULT_LIMIT) int limit) {
        if (status != null && !status.isBlank() && !TrackingStatus.isValid(status)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown status '" + status + "'");
        }
        if (limit < 1) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1 or more");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from must be before to");
        }
        if (module != null && !module.isBlank()
                && Arrays.stream(ProtectionModule.values()).noneMatch(m -> m.name().equals(module))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown module '" + module + "'");
        }
        if (moduleStatus != null && !moduleStatus.isBlank()
                && Arrays.stream(ScanStatus.values()).noneMatch(s -> s.name().equals(moduleStatus))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown module status '" + moduleStatus + "'");
        }
        FindMessagesQuery query = new FindMessagesQuery(sender, recipient, status, from, to,
                Math.min(limit, MessageTrackingProjection.MAX_LIMIT), module, moduleStatus, rule, clientAddress,
                messageId);
        try {
            return queryGateway.query(query, ResponseTypes.multipleInstancesOf(MessageTrackingView.class))
                    .get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Message tracking query failed", e);
        }
    }
}
