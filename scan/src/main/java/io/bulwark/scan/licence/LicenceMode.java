package io.bulwark.scan.licence;

/** The licensing modes of the reference's table (notes E), plus ours for an installation without a key. */
public enum LicenceMode {
    /**
     * No key was ever installed and licensing is not enforced: the open-source community mode, every
     * module scans and databases update (ADR 0021).
     */
    COMMUNITY,
    /** No active key while licensing applies: nothing is scanned, no updates. */
    UNLICENSED,
    /** A trial key is active. */
    TRIAL,
    /** A commercial key is active. */
    COMMERCIAL,
    /** A subscription key is active. */
    SUBSCRIPTION,
    /** The active key is on the deny list: nothing is scanned; updates keep being tried. */
    BLOCKED
}
