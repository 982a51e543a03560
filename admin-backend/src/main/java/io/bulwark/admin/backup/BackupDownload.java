package io.bulwark.admin.backup;

/**
 * The original of a Backup copy, ready to be saved as a file.
 *
 * @param fileName {@code <backupId>.eml}
 * @param bytes    the message exactly as received (RFC 5322)
 */
public record BackupDownload(String fileName, byte[] bytes) {
}
