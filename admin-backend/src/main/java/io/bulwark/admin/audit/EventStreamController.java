package io.bulwark.admin.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bulwark.store.EventLog;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The auditors' event stream: {@code GET /api/v1/events?after=N&limit=M}, every stored event in
 * global order with its payload as a JSON object. A client pages by passing the returned
 * {@code next} as the following {@code after}; an empty page returns {@code next = after}, so a
 * poller can simply repeat the call. Secrets are hidden ({@link PayloadMasking}); auditors see
 * that a field exists, not its value.
 */
@RestController
@RequestMapping("/api/v1/events")
public class EventStreamController {

    /** Page size when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = 100;
    /** Largest page; larger requests are served this many. */
    public static final int MAX_LIMIT = 1000;

    private final EventLog eventLog;
    private final ObjectMapper objectMapper;

    public EventStreamController(EventLog eventLog, ObjectMapper objectMapper) {
        this.eventLog = eventLog;
        this.objectMapper = objectMapper;
    }

    @GetMapping
    public EventPage events(@RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (after < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "after must be 0 or more");
        }
        if (limit < 1) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1 or more");
        }
        List<StreamedEvent> events = eventLog.readAfter(after, Math.min(limit, MAX_LIMIT)).stream()
                .map(this::toStreamed)
                .toList();
        long next = events.isEmpty() ? after : events.getLast().globalIndex();
        return new EventPage(events, next);
    }

    private StreamedEvent toStreamed(EventLog.StoredEvent stored) {
        return new StreamedEvent(stored.globalIndex(), stored.eventId(), stored.type(), stored.revision(),
                stored.timestamp(), stored.aggregateId(), stored.sequence(), parse(stored.type(), stored.payloadJson()));
    }

    /**
     * The payload as a JSON tree with its secrets hidden ({@link PayloadMasking}: by the event class's
     * {@code @Secret} components, credential-like names, and undeclared fields). A payload that is
     * not valid JSON (which the store should never hold) becomes a marker rather than failing the
     * whole page.
     */
    private JsonNode parse(String type, String payloadJson) {
        if (payloadJson == null) {
            return null;
        }
        try {
            return PayloadMasking.mask(type, objectMapper.readTree(payloadJson));
        } catch (JsonProcessingException e) {
            // Unreadable, so it cannot be checked for secrets either.
            return TextNode.valueOf(PayloadMasking.HIDDEN);
        }
    }

    /** One page of the stream. */
    public record EventPage(List<StreamedEvent> events, long next) {
    }

    /** One event as the API shows it; {@code payload} is a JSON value, not a string. */
    public record StreamedEvent(long globalIndex, String eventId, String type, String revision, String timestamp,
            String aggregateId, Long sequence, JsonNode payload) {
    }
}
