package io.bulwark.gateway.intake;

import io.bulwark.gateway.smtp.TlsInfo;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Our trace header (RFC 5321 section 4.4), prepended to every message we accept. Folded over
 * three lines like Postfix's, so it stays under the 78-character recommendation.
 */
final class ReceivedHeader {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReceivedHeader() {
    }

    /**
     * @param helo       the client's EHLO/HELO argument, or null
     * @param client     the client's address
     * @param byHost     our host name
     * @param tls        the session's TLS facts: ESMTPS (RFC 3848) and a "using" comment, as Postfix
     *                   writes it, when encrypted
     * @param queueId    our queue id
     * @param recipient  the only recipient, or null when there are several (privacy: never list
     *                   all of them)
     */
    static byte[] build(String helo, InetAddress client, String byHost, TlsInfo tls, String queueId,
            String recipient, Instant at) {
        boolean encrypted = tls.encrypted();
        String literal = client instanceof Inet6Address
                ? "IPv6:" + client.getHostAddress()
                : client.getHostAddress();
        StringBuilder header = new StringBuilder(256)
                .append("Received: from ").append(helo == null ? "unknown" : sanitise(helo))
                .append(" ([").append(literal).append("])\r\n");
        if (encrypted) {
            header.append("\t(using ").append(sanitise(tls.protocol())).append(" with cipher ")
                    .append(sanitise(tls.cipher())).append(")\r\n");
        }
        header.append("\tby ").append(byHost).append(" (Bulwark) with ").append(encrypted ? "ESMTPS" : "ESMTP")
                .append(" id ").append(queueId);
        if (recipient != null) {
            header.append("\r\n\tfor <").append(sanitise(recipient)).append('>');
        }
        header.append("; ").append(DATE.format(at)).append("\r\n");
        return header.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Keeps client-supplied text from breaking the header's syntax (comments, folding, 8-bit). */
    private static String sanitise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c > 32 && c < 127 && c != '(' && c != ')' && c != ';' ? c : '?');
        }
        return out.toString();
    }
}
