package io.bulwark.events.backup;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * An account downloaded a Backup copy (audit: the original may hold malware and personal data).
 *
 * @param backupId the copy
 * @param actor    the account
 * @param at       when
 */
@EventRevision("1")
public record BackupCopyDownloadedEvent(String backupId, String actor, Instant at) {
}
