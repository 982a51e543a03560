package io.bulwark.events.licence;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified licence key certifies (its "License Certificate", reference notes E). Carried by
 * the licence events in place of the key file.
 *
 * @param licenceNumber  the licence number (serial, CEF {@code cs1} LicenseID)
 * @param holder         to whom it was issued
 * @param product        the product it licenses ({@code Bulwark})
 * @param licensingUnit  what the limit counts ({@code mailboxes}, {@code nodes}, ...)
 * @param unitLimit      how many of them; 0 for no limit
 * @param start          valid from
 * @param expiry         valid until (exclusive)
 * @param type           trial, commercial or subscription
 * @param graceDays      for a subscription: days after expiry it stays fully functional; 0 otherwise
 * @param functionality  full protection or anti-virus only
 * @param authorityKeyId the id of the licence authority key that signed it
 * @param sha256         SHA-256 of the key file as installed (hex), so an auditor can match the file
 */
public record LicenceKeyFacts(String licenceNumber, String holder, String product, String licensingUnit,
        long unitLimit, Instant start, Instant expiry, LicenceType type, int graceDays,
        FunctionalityLevel functionality, String authorityKeyId, String sha256) {

    public LicenceKeyFacts {
        Objects.requireNonNull(licenceNumber, "licenceNumber");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(functionality, "functionality");
    }

    /** The end of the grace period (the expiry for keys without one). */
    public Instant graceEnd() {
        return expiry.plus(java.time.Duration.ofDays(Math.max(0, graceDays)));
    }
}
