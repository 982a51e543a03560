package io.bulwark.events.backup;

/**
 * How full Backup is.
 *
 * @param copies    number of copies
 * @param usedBytes storage they take (compressed)
 * @param maxBytes  the size cap
 */
public record BackupUsageView(long copies, long usedBytes, long maxBytes) {
}
