package io.bulwark.events.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * The SMTP listener's limits on every gateway node (Postfix parameter in brackets). A new session
 * takes the values in force when it connects; sessions already open keep theirs.
 *
 * @param maxMessageSize          largest message in bytes, advertised with SIZE; beyond it 552 5.3.4
 *                                [message_size_limit]
 * @param maxRecipients           recipients per message; beyond it 452 4.5.3 [smtpd_recipient_limit]
 * @param maxConnections          concurrent sessions in total [default_process_limit]
 * @param maxConnectionsPerClient concurrent sessions per client address, mynetworks exempt
 *                                [smtpd_client_connection_count_limit]
 * @param commandTimeoutSeconds   deadline for one command line [smtpd_timeout]
 * @param dataTimeoutSeconds      deadline for the message content, extended by the minimum data rate
 * @param bannerHostname          the name in the 220 greeting, the EHLO reply and the Received header
 *                                [myhostname]; null: each node its own host name
 */
public record MtaSettings(long maxMessageSize, int maxRecipients, int maxConnections, int maxConnectionsPerClient,
        long commandTimeoutSeconds, long dataTimeoutSeconds, String bannerHostname) {

    /** Smallest message size limit accepted: below it not even a bounce fits. */
    public static final long MIN_MESSAGE_SIZE = 1024;
    /** Largest message size limit: the spool counts in signed 32-bit sizes per part of the code path. */
    public static final long MAX_MESSAGE_SIZE = Integer.MAX_VALUE;
    /** Longest command or data deadline accepted (RFC 5321 4.5.3.2 asks for minutes, not hours). */
    public static final long MAX_TIMEOUT_SECONDS = 3600;

    public MtaSettings {
        bannerHostname = bannerHostname == null || bannerHostname.isBlank() ? null
                : DomainNames.normalise(bannerHostname);
    }

    /** What is wrong, one sentence each naming the value; empty when these settings can be applied. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (maxMessageSize < MIN_MESSAGE_SIZE || maxMessageSize > MAX_MESSAGE_SIZE) {
            problems.add("maximum message size " + maxMessageSize + " must be between " + MIN_MESSAGE_SIZE + " and "
                    + MAX_MESSAGE_SIZE + " bytes");
        }
        if (maxRecipients < 1) {
            problems.add("maximum recipients " + maxRecipients + " must be at least 1");
        }
        if (maxConnections < 1) {
            problems.add("maximum connections " + maxConnections + " must be at least 1");
        }
        if (maxConnectionsPerClient < 1 || maxConnectionsPerClient > maxConnections) {
            problems.add("maximum connections per client " + maxConnectionsPerClient
                    + " must be between 1 and the maximum connections (" + maxConnections + ")");
        }
        timeout(problems, "command timeout", commandTimeoutSeconds);
        timeout(problems, "data timeout", dataTimeoutSeconds);
        if (bannerHostname != null && !DomainNames.isHostName(bannerHostname)) {
            problems.add("banner host name '" + bannerHostname + "' is not a host name");
        }
        return List.copyOf(problems);
    }

    private static void timeout(List<String> problems, String what, long seconds) {
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            problems.add(what + " " + seconds + " s must be between 1 and " + MAX_TIMEOUT_SECONDS + " seconds");
        }
    }
}
