package io.bulwark.console.backup;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.backup.BackupAdministration;
import io.bulwark.admin.backup.BackupDeliveryRequest;
import io.bulwark.admin.backup.BackupDownload;
import io.bulwark.events.admin.AdminRole;
import io.bulwark.events.backup.BackupCopyDetails;
import io.bulwark.events.backup.BackupCopyView;
import io.bulwark.events.backup.BackupSearchCriteria;
import io.bulwark.events.backup.BackupUsageView;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to Backup, over the backend's {@link BackupAdministration} (which reads the
 * Backup store and sends the audited commands).
 *
 * <p>Roles are enforced here, on the server, not only by hiding buttons: every role may search and
 * read details with the scan report; ADMINISTRATOR and HELPDESK may deliver and download (reference
 * notes H.7); only ADMINISTRATOR may delete. AUDITOR is read-only and sees no message content.
 * Each action is made in the name of the signed-in user. Refusals arrive as
 * {@link AccessDeniedException} or the backend's exceptions, with messages meant for the user.
 * Stateless and thread-safe; the user is taken from the calling thread's security context.
 */
@Component
public class BackupClient {


    private final BackupAdministration backup;

    public BackupClient(BackupAdministration backup) {
        this.backup = backup;
    }

    /** Whether the signed-in user may deliver and download copies. */
    public boolean canHandle() {
        return Roles.has(AdminRole.ADMINISTRATOR, AdminRole.HELPDESK);
    }

    /** Whether the signed-in user may delete copies. */
    public boolean canDelete() {
        return Roles.isAdministrator();
    }

    /** Copies that match, newest first. */
    public List<BackupCopyView> search(BackupSearchCriteria criteria, int limit) {
        return backup.search(criteria, limit);
    }

    /** A copy with its scan report. */
    public Optional<BackupCopyDetails> details(String backupId) {
        return backup.details(backupId);
    }

    /** How full Backup is. */
    public BackupUsageView usage() {
        return backup.usage();
    }

    /** Asks the gateway to deliver the copy to its original recipients. */
    public BackupDeliveryRequest deliver(String backupId) {
        return backup.deliver(backupId, actor(canHandle(), "Only administrators and HelpDesk users can deliver from Backup"));
    }

    /** The original as an .eml file; recorded as a download by the signed-in user. */
    public BackupDownload download(String backupId) {
        return backup.download(backupId, actor(canHandle(), "Only administrators and HelpDesk users can download from Backup"));
    }

    /** Deletes the copy. */
    public void delete(String backupId) {
        backup.delete(backupId, actor(canDelete(), "Only administrators can delete from Backup"));
    }

    private static String actor(boolean allowed, String refusal) {
        if (!allowed) {
            throw new AccessDeniedException(refusal);
        }
        return Roles.actor();
    }
}
