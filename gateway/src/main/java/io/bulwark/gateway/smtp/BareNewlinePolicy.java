package io.bulwark.gateway.smtp;

/**
 * What the listener does with a bare LF or bare CR (one not part of CRLF) or a NUL in DATA, like
 * Postfix 3.9's {@code smtpd_forbid_bare_newline}. In either mode only {@code CRLF . CRLF} ends the
 * data, so no SMTP smuggling payload can end a message early.
 */
public enum BareNewlinePolicy {
    /**
     * Accept and repair: a bare LF becomes CRLF, a bare CR becomes a space (so a CR can never
     * create a header line downstream), a NUL is removed. A lone dot on such a line stays content
     * (and is dot-stuffed when relayed).
     */
    NORMALIZE,
    /** {@code 550 5.5.2 Error: bare <LF> received} (or CR, NUL), then disconnect. */
    REJECT
}
