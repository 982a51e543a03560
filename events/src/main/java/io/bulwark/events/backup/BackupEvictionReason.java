package io.bulwark.events.backup;

/** Why the store discarded a Backup copy on its own. */
public enum BackupEvictionReason {
    /** Backup was larger than {@code bulwark.backup.max-size}; the oldest copies go first. */
    SIZE_CAP,
    /** The copy was older than {@code bulwark.backup.max-age}. */
    AGE_LIMIT
}
