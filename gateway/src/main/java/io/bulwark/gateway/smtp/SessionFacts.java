package io.bulwark.gateway.smtp;

import java.net.InetAddress;

/**
 * What an SMTP session knows about its client when a transaction starts. Fixed for the
 * transaction: EHLO/HELO and STARTTLS both end the transaction in progress (RFC 5321 4.1.4,
 * RFC 3207 4.2). Immutable.
 *
 * @param client         the client's address
 * @param helo           the EHLO/HELO argument
 * @param tls            the session's TLS, {@link TlsInfo#NONE} in plain text
 * @param authenticated  the SMTP AUTH identity (RFC 4954); null: the listener offers no AUTH yet
 * @param maxMessageSize the size limit the session advertised with SIZE, which the content is held
 *                       to (the settings in force when the client connected); 0: the intake's own
 * @param hostname       the name the session greeted with, for the Received header; null: the
 *                       intake's own
 */
public record SessionFacts(InetAddress client, String helo, TlsInfo tls, String authenticated, long maxMessageSize,
        String hostname) {
    public SessionFacts {
        tls = tls == null ? TlsInfo.NONE : tls;
    }

    /** Facts without a session's own limits: the intake's apply. */
    public SessionFacts(InetAddress client, String helo, TlsInfo tls, String authenticated) {
        this(client, helo, tls, authenticated, 0, null);
    }
}
