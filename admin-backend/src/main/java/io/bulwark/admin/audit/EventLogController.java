package io.bulwark.admin.audit;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.audit.EventLogEntryView;
import io.bulwark.events.audit.EventLogPage;
import io.bulwark.events.audit.FindEventLogQuery;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The event log over REST (docs/audit.md):
 * {@code GET /api/v1/event-log?from=&to=&severity=&type=&node=&text=&sort=&page=&size=}, one page
 * as JSON {@code {entries, total, page, size}}. {@code severity} and {@code type} may repeat or
 * list values separated by commas; the rest behaves as in {@link AuditLogController}.
 */
@RestController
@RequestMapping("/api/v1")
public class EventLogController {

    private static final Set<String> SEVERITIES = Set.of(EventLogEntryView.INFO, EventLogEntryView.WARNING,
            EventLogEntryView.ERROR);

    private final QueryGateway queryGateway;

    public EventLogController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** A page of the event log as the API returns it. */
    public record EventLogApiPage(List<EventLogEntryView> entries, long total, int page, int size) {
    }

    @GetMapping("/event-log")
    public EventLogApiPage eventLog(@RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(required = false) List<String> severity,
            @RequestParam(required = false) List<String> type, @RequestParam(required = false) String node,
            @RequestParam(required = false) String text, @RequestParam(defaultValue = "time,desc") String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + EventLogProjection.DEFAULT_LIMIT) int size) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from must be before to");
        }
        if (page < 0 || size < 1 || size > EventLogProjection.MAX_LIMIT || (long) page * size > Integer.MAX_VALUE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "page must be 0 or more and size between 1 and " + EventLogProjection.MAX_LIMIT);
        }
        List<String> severities = split(severity).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if (!SEVERITIES.containsAll(severities)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "severity must be info, warning or error");
        }
        FindEventLogQuery query = new FindEventLogQuery(from, to, severities, split(type), node, text,
                AuditLogController.newestFirst(sort), page * size, size);
        EventLogPage found = BusCalls.await(queryGateway.query(query, EventLogPage.class), "The event log");
        return new EventLogApiPage(found.entries(), found.total(), page, size);
    }

    /** Repeated and comma-separated values as one list. */
    static List<String> split(List<String> values) {
        return values == null ? List.of() : values.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .toList();
    }
}
