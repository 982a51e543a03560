package io.bulwark.events.licence;

/** What a key licenses (reference notes E, "Commercial key types"; CEF {@code cs2} FunctionalityLevel). */
public enum FunctionalityLevel {
    /** Every protection module. */
    FULL,
    /**
     * Anti-virus protection only: anti-spam and anti-phishing report NOT_SCANNED with the reason
     * "licence restriction"; the other modules scan.
     */
    ANTI_VIRUS
}
