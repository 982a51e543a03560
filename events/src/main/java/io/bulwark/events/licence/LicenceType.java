package io.bulwark.events.licence;

/**
 * The type of a licence key (reference notes E, "Modes"; CEF {@code cs3} KeyType). What happens at
 * expiry differs by type.
 */
public enum LicenceType {
    /** Scanning and database updates until expiry, then both stop; a trial licence installs once. */
    TRIAL,
    /** Scanning and updates until expiry; after it scanning goes on with the databases at hand, updates stop. */
    COMMERCIAL,
    /**
     * As commercial, with a grace period after expiry during which the product stays fully
     * functional (updates included).
     */
    SUBSCRIPTION
}
