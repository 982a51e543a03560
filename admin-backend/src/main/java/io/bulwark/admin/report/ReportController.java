package io.bulwark.admin.report;

import io.bulwark.admin.support.ApiError;
import io.bulwark.events.report.ReportScheduleEntry;
import io.bulwark.events.report.ReportScheduleView;
import io.bulwark.events.report.ReportView;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports over REST, under {@value #PATH} (docs/reports.md):
 * <ul>
 * <li>{@code GET} — every report (id, type, period, file name, recipients, status, reason, creator);</li>
 * <li>{@code POST} {@code {"from": "...Z", "to": "...Z", "recipients": [...]}} — a custom report
 *     (201);</li>
 * <li>{@code GET /{id}} — the report and its contents ({@link ReportData});</li>
 * <li>{@code GET /{id}.pdf} — the PDF; {@code GET /{id}/charts/{name}.png} — one chart;</li>
 * <li>{@code DELETE /{id}} — delete (audited; 204);</li>
 * <li>{@code GET|PUT /schedule} — the daily, weekly and monthly schedule.</li>
 * </ul>
 * Reads: every role; writes: ADMINISTRATOR (the API chain's default). Errors {@code {"error": ...}}
 * with 400, 404 or 503.
 */
@RestController
@RequestMapping(ReportController.PATH)
public class ReportController {
    /** Base path. */
    public static final String PATH = "/api/v1/reports";

    private final ReportAdministration reports;

    public ReportController(ReportAdministration reports) {
        this.reports = reports;
    }

    /** Body of {@code POST}. */
    public record CreateRequest(Instant from, Instant to, List<String> recipients) {
    }

    /** Body of {@code PUT /schedule}. */
    public record ScheduleRequest(ReportScheduleEntry daily, ReportScheduleEntry weekly, ReportScheduleEntry monthly) {
    }

    /** Answer of {@code GET /{id}}. */
    public record ReportJson(ReportView report, ReportData data) {
    }

    @GetMapping
    public List<ReportView> list() {
        return reports.list();
    }

    @PostMapping
    public ResponseEntity<ReportView> create(@RequestBody CreateRequest request, Principal user) {
        if (request == null) {
            throw new InvalidReportException("A JSON body with from and to is required");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(reports.create(request.from(), request.to(), request.recipients(), user.getName()));
    }

    @GetMapping("/schedule")
    public ReportScheduleView schedule() {
        return reports.schedule();
    }

    @PutMapping("/schedule")
    public ReportScheduleView changeSchedule(@RequestBody ScheduleRequest request, Principal user) {
        if (request == null) {
            throw new InvalidReportException("A JSON body with daily, weekly and monthly is required");
        }
        return reports.changeSchedule(request.daily(), request.weekly(), request.monthly(), user.getName());
    }

    @GetMapping("/{id}.pdf")
    public ResponseEntity<byte[]> pdf(@PathVariable("id") String id) {
        ReportView report = reports.get(id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(report.fileName()).build().toString())
                .body(reports.pdf(id));
    }

    @GetMapping("/{id}/charts/{name}.png")
    public ResponseEntity<byte[]> chart(@PathVariable("id") String id, @PathVariable("name") String name,
            @RequestParam(name = "width", defaultValue = "800") int width,
            @RequestParam(name = "height", defaultValue = "400") int height) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(reports.chart(id, name, width, height));
    }

    @GetMapping("/{id}")
    public ReportJson get(@PathVariable("id") String id) {
        ReportView report = reports.get(id);
        return new ReportJson(report, reports.data(report));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable("id") String id, Principal user) {
        reports.delete(id, user.getName());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(InvalidReportException.class)
    ResponseEntity<ApiError> invalid(InvalidReportException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(UnknownReportException.class)
    ResponseEntity<ApiError> unknown(UnknownReportException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage()));
    }

}
