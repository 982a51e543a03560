package io.bulwark.events.backup;

/** A reason for {@link BackupStorageLowEvent}. */
public enum BackupStorageCondition {
    /** Backup uses at least the warning share (90 %) of {@code bulwark.backup.max-size}: old copies are, or will soon be, evicted. */
    SIZE_CAP_NEARLY_REACHED,
    /** The disk holding the data directory has less free space than {@code bulwark.backup.min-free-space}. */
    DISK_SPACE_LOW
}
