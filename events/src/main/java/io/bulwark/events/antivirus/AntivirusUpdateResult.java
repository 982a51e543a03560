package io.bulwark.events.antivirus;

/** How an update attempt ended (reference G.3: bases updated, up to date, error). */
public enum AntivirusUpdateResult {
    /** New databases were installed and are in use. */
    UPDATED,
    /** The source had nothing newer than what the node uses. */
    UP_TO_DATE,
    /** The attempt failed; the node keeps the databases it had. */
    FAILED
}
