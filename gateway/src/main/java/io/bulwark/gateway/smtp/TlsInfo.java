package io.bulwark.gateway.smtp;

/**
 * The TLS facts of a session after STARTTLS (RFC 3207), for the Received header, the spool entry
 * and the envelope. Immutable.
 *
 * @param protocol e.g. "TLSv1.3", null without TLS
 * @param cipher   the cipher suite, null without TLS
 */
public record TlsInfo(String protocol, String cipher) {
    /** A plain-text session. */
    public static final TlsInfo NONE = new TlsInfo(null, null);

    public boolean encrypted() {
        return protocol != null;
    }
}
