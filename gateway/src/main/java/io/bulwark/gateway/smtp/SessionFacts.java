package io.bulwark.gateway.smtp;

import java.net.InetAddress;

/**
 * What an SMTP session knows about its client when a transaction starts. Fixed for the
 * transaction: EHLO/HELO and STARTTLS both end the transaction in progress (RFC 5321 4.1.4,
 * RFC 3207 4.2). Immutable.
 *
 * @param client        the client's address
 * @param helo          the EHLO/HELO argument
 * @param tls           the session's TLS, {@link TlsInfo#NONE} in plain text
 * @param authenticated the SMTP AUTH identity (RFC 4954); null: the listener offers no AUTH yet
 */
public record SessionFacts(InetAddress client, String helo, TlsInfo tls, String authenticated) {
    public SessionFacts {
        tls = tls == null ? TlsInfo.NONE : tls;
    }
}
