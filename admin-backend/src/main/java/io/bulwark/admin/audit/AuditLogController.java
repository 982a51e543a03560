package io.bulwark.admin.audit;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.audit.AuditEntriesPage;
import io.bulwark.events.audit.AuditEntryView;
import io.bulwark.events.audit.FindAuditEntriesQuery;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The audit log over REST (docs/audit.md):
 * <ul>
 *   <li>{@code GET /api/v1/audit?from=&to=&type=&subject=&result=&text=&sort=&page=&size=}: one page
 *       as JSON, {@code {entries, total, page, size}};</li>
 *   <li>{@code GET /api/v1/audit.csv?...} (or {@code GET /api/v1/audit?format=csv&...}): every
 *       matching entry as CSV (RFC 4180, UTF-8, header row), at most {@value AuditCsv#MAX_ROWS} ({@link AuditCsv}).</li>
 * </ul>
 * {@code from}/{@code to} are ISO-8601 instants ({@code from} inclusive, {@code to} exclusive);
 * {@code type} may repeat or list types separated by commas (any of them matches); {@code subject}
 * is a user name, role or source address (exact, ignoring case); {@code result} is
 * {@code success} or {@code failure}; {@code text} words must each begin a word of the description
 * or object; {@code sort} is {@code time,desc} (default) or {@code time,asc}. Reads through the query
 * bus, like the console.
 */
@RestController
@RequestMapping("/api/v1")
public class AuditLogController {

    private final QueryGateway queryGateway;

    public AuditLogController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** A page of the audit log as the API returns it. */
    public record AuditPage(List<AuditEntryView> entries, long total, int page, int size) {
    }

    @GetMapping("/audit")
    public AuditPage audit(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) List<String> type, @RequestParam(required = false) String subject,
            @RequestParam(required = false) String result, @RequestParam(required = false) String text,
            @RequestParam(defaultValue = "time,desc") String sort, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + AuditLogProjection.DEFAULT_LIMIT) int size,
            @RequestParam(required = false) String format, HttpServletResponse response) throws IOException {
        if ("csv".equalsIgnoreCase(format)) {
            csv(from, to, type, subject, result, text, sort, response);
            return null;
        }
        if (format != null && !format.isBlank() && !"json".equalsIgnoreCase(format)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format must be json or csv");
        }
        if (page < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be 0 or more");
        }
        if (size < 1 || size > AuditLogProjection.MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "size must be between 1 and " + AuditLogProjection.MAX_LIMIT);
        }
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page is too large");
        }
        AuditEntriesPage found = query(criteria(from, to, type, subject, result, text, sort, (int) offset, size));
        return new AuditPage(found.entries(), found.total(), page, size);
    }

    @GetMapping("/audit.csv")
    public void csv(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) List<String> type, @RequestParam(required = false) String subject,
            @RequestParam(required = false) String result, @RequestParam(required = false) String text,
            @RequestParam(defaultValue = "time,desc") String sort, HttpServletResponse response) throws IOException {
        FindAuditEntriesQuery filters = criteria(from, to, type, subject, result, text, sort, 0, 1);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        AuditCsv.write(writer, filters, this::query);
        writer.flush();
    }

    private static FindAuditEntriesQuery criteria(Instant from, Instant to, List<String> type, String subject,
            String result, String text, String sort, int offset, int limit) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from must be before to");
        }
        if (result != null && !result.isBlank() && !AuditEntryView.SUCCESS.equalsIgnoreCase(result)
                && !AuditEntryView.FAILURE.equalsIgnoreCase(result)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "result must be success or failure");
        }
        List<String> types = EventLogController.split(type);
        return new FindAuditEntriesQuery(from, to, types, subject, result, text, newestFirst(sort), offset, limit);
    }

    /** {@code time,desc} / {@code desc} → true, {@code time,asc} / {@code asc} → false. */
    static boolean newestFirst(String sort) {
        String normalized = sort == null ? "" : sort.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (normalized) {
            case "", "time", "time,desc", "desc", "-time" -> true;
            case "time,asc", "asc", "+time" -> false;
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "sort must be time,desc or time,asc");
        };
    }

    private AuditEntriesPage query(FindAuditEntriesQuery query) {
        return BusCalls.await(queryGateway.query(query, AuditEntriesPage.class), "The audit log");
    }
}
