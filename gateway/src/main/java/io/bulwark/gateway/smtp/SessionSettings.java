package io.bulwark.gateway.smtp;

import java.time.Duration;

/**
 * The per-session limits and policies of the listener (see {@code docs/mta.md} for the Postfix
 * parameter each one mirrors). Immutable.
 *
 * @param hostname                 our name in the greeting, EHLO reply and Received header
 * @param maxMessageSize           largest message (SIZE, 552 5.3.4)
 * @param maxRecipients            recipients per message (452 4.5.3)
 * @param maxConnections           concurrent sessions in total (421 4.7.0)
 * @param maxConnectionsPerClient  concurrent sessions per client address; mynetworks is exempt
 * @param maxMessagesPerConnection messages per session, 0 for no limit (421 4.7.0 at the next MAIL)
 * @param commandTimeout           deadline for a whole command line, the wait for it included (421 4.4.2)
 * @param dataTimeout              deadline for the DATA content, extended by the minimum data rate (421 4.4.2)
 * @param softErrorLimit           errors after which each reply waits {@code errorSleepTime}
 * @param hardErrorLimit           errors after which the session is closed (421 4.7.0)
 * @param errorSleepTime           the delay per reply beyond the soft limit (tarpit)
 * @param lineLengthLimit          longest command line (500 5.5.2)
 * @param bareNewline              bare CR/LF/NUL policy for DATA and command lines
 * @param tls                      STARTTLS policy
 * @param wantClientCertificate    whether STARTTLS asks for a client certificate
 * @param slowClients              deadlines, minimum data rate, stress and per-network limits
 * @param requireClientCertificate whether a client that starts TLS must present a certificate
 *                                 (Postfix {@code smtpd_tls_req_ccert}; the handshake fails without)
 */
public record SessionSettings(
        String hostname,
        long maxMessageSize,
        int maxRecipients,
        int maxConnections,
        int maxConnectionsPerClient,
        int maxMessagesPerConnection,
        Duration commandTimeout,
        Duration dataTimeout,
        int softErrorLimit,
        int hardErrorLimit,
        Duration errorSleepTime,
        int lineLengthLimit,
        BareNewlinePolicy bareNewline,
        InboundTlsPolicy tls,
        boolean wantClientCertificate,
        SlowClientPolicy slowClients,
        boolean requireClientCertificate) {

    /** Settings that ask for, but do not require, a client certificate when {@code wantClientCertificate}. */
    public SessionSettings(String hostname, long maxMessageSize, int maxRecipients, int maxConnections,
            int maxConnectionsPerClient, int maxMessagesPerConnection, Duration commandTimeout, Duration dataTimeout,
            int softErrorLimit, int hardErrorLimit, Duration errorSleepTime, int lineLengthLimit,
            BareNewlinePolicy bareNewline, InboundTlsPolicy tls, boolean wantClientCertificate,
            SlowClientPolicy slowClients) {
        this(hostname, maxMessageSize, maxRecipients, maxConnections, maxConnectionsPerClient, maxMessagesPerConnection,
                commandTimeout, dataTimeout, softErrorLimit, hardErrorLimit, errorSleepTime, lineLengthLimit,
                bareNewline, tls, wantClientCertificate, slowClients, false);
    }

    /** Settings with the default slow-client policy. */
    public SessionSettings(String hostname, long maxMessageSize, int maxRecipients, int maxConnections,
            int maxConnectionsPerClient, int maxMessagesPerConnection, Duration commandTimeout, Duration dataTimeout,
            int softErrorLimit, int hardErrorLimit, Duration errorSleepTime, int lineLengthLimit,
            BareNewlinePolicy bareNewline, InboundTlsPolicy tls, boolean wantClientCertificate) {
        this(hostname, maxMessageSize, maxRecipients, maxConnections, maxConnectionsPerClient, maxMessagesPerConnection,
                commandTimeout, dataTimeout, softErrorLimit, hardErrorLimit, errorSleepTime, lineLengthLimit,
                bareNewline, tls, wantClientCertificate, SlowClientPolicy.defaults());
    }
}
