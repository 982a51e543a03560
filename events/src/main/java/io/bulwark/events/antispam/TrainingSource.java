package io.bulwark.events.antispam;

/** Where the bytes of a trained message were read. */
public enum TrainingSource {
    /** A Backup copy in the store (Backup view, or a tracked or queued message that has one). */
    BACKUP,
    /** A file of a corpus import, or a message handed over the API. */
    CORPUS
}
