package io.bulwark.admin.backup;

import io.bulwark.events.backup.BackupCopyDetails;
import io.bulwark.events.backup.BackupCopyView;
import io.bulwark.events.backup.BackupSearchCriteria;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backup over REST, under {@code /api/v1/backup}. Who may call what is decided by the API's filter
 * chain ({@code ApiSecurityConfiguration}): list and details for every role; download and deliver
 * for ADMINISTRATOR and HELPDESK; delete for ADMINISTRATOR. Every deliver, download and delete is
 * recorded with the authenticated account as actor.
 */
@RestController
@RequestMapping("/api/v1/backup")
public class BackupController {

    /** Media type of a downloaded copy (RFC 2046, section 5.2.1). */
    static final MediaType MESSAGE_RFC822 = MediaType.parseMediaType("message/rfc822");

    private final BackupAdministration backup;

    public BackupController(BackupAdministration backup) {
        this.backup = backup;
    }

    /** Copies that match every given filter, newest first. */
    @GetMapping
    public List<BackupCopyView> search(@RequestParam(required = false) ProtectionModule module,
            @RequestParam(required = false) ScanStatus status,
            @RequestParam(required = false) String sender,
            @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String clientIp,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "" + BackupAdministration.DEFAULT_LIMIT) int limit) {
        if (module != null && status != null && !status.appliesTo(module)) {
            throw new InvalidBackupCommandException(status + " is not a status of " + module);
        }
        if (limit < 1) {
            throw new InvalidBackupCommandException("limit must be 1 or more");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidBackupCommandException("from must be before to");
        }
        return backup.search(new BackupSearchCriteria(module, status, sender, recipient, clientIp, from, to), limit);
    }

    /** One copy with its full scan report. */
    @GetMapping("/{backupId}")
    public BackupCopyDetails details(@PathVariable String backupId) {
        return backup.details(backupId).orElseThrow(() -> new UnknownBackupCopyException(backupId));
    }

    /** The original as {@code <id>.eml}; recorded as a download by the caller. */
    @GetMapping("/{backupId}/eml")
    public ResponseEntity<byte[]> download(@PathVariable String backupId, Principal user) {
        BackupDownload download = backup.download(backupId, user.getName());
        return ResponseEntity.ok()
                .contentType(MESSAGE_RFC822)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(download.fileName()).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(download.bytes());
    }

    /** Asks the gateway to deliver the original to its original recipients; answers 202. */
    @PostMapping("/{backupId}/deliver")
    public ResponseEntity<BackupDeliveryRequest> deliver(@PathVariable String backupId, Principal user) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(backup.deliver(backupId, user.getName()));
    }

    /** Deletes the copy; answers 204. */
    @DeleteMapping("/{backupId}")
    public ResponseEntity<Void> delete(@PathVariable String backupId, Principal user) {
        backup.delete(backupId, user.getName());
        return ResponseEntity.noContent().build();
    }
}
