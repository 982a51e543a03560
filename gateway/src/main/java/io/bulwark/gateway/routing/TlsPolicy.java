package io.bulwark.gateway.routing;

import java.util.Locale;

/**
 * Outbound TLS policy for a destination, named and behaving like Postfix's
 * {@code smtp_tls_security_level} values.
 *
 * <ul>
 *   <li>{@link #NONE}: never STARTTLS.</li>
 *   <li>{@link #MAY}: STARTTLS when offered, without checking the certificate; plain text when not
 *       offered or when the handshake fails (opportunistic, RFC 3207 as deployed).</li>
 *   <li>{@link #ENCRYPT}: STARTTLS is mandatory, the certificate is not checked; a next hop that
 *       does not offer it is deferred, never sent plain text.</li>
 *   <li>{@link #VERIFY}: as {@code ENCRYPT}, and the certificate must chain to a trusted anchor and
 *       name the next hop's host (RFC 6125 via the JDK's HTTPS identity check).</li>
 * </ul>
 */
public enum TlsPolicy {
    NONE, MAY, ENCRYPT, VERIFY;

    /** Parses {@code none|may|encrypt|verify} in any case. */
    public static TlsPolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS policy must be none, may, encrypt or verify: " + text, e);
        }
    }

    /** Whether delivery must not proceed without TLS. */
    public boolean mandatory() {
        return this == ENCRYPT || this == VERIFY;
    }

    /** The lower-case name used in properties and events. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
