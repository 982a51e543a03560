package io.bulwark.events.backup;

import io.bulwark.events.scan.ScanReport;

/**
 * A Backup copy with the full scan report of its message (read model for the details view).
 *
 * @param copy       the copy
 * @param scanReport every module's verdict as the gateway saw it, or {@code null} if none was stored
 */
public record BackupCopyDetails(BackupCopyView copy, ScanReport scanReport) {
}
