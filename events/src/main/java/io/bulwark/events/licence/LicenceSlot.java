package io.bulwark.events.licence;

/** Where an installed key sits: the active key governs; the additional key takes over when it ends. */
public enum LicenceSlot {
    /** The key in force. */
    ACTIVE,
    /** A second key (a renewal) that becomes active when the active key expires or is removed. */
    ADDITIONAL
}
