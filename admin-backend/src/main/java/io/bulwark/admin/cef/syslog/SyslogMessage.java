package io.bulwark.admin.cef.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * An RFC 5424 syslog message around a CEF line, and its framings.
 *
 * <p>{@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID - MSG}: PRI from the facility and the CEF
 * severity ({@link #syslogSeverity}); TIMESTAMP in UTC with milliseconds (RFC 5424 6.2.3);
 * APP-NAME {@code Bulwark}; no PROCID and no structured data. MSG is the CEF line as UTF-8
 * <em>without</em> the BOM of RFC 5424 6.4 ({@code MSG-ANY}): CEF consumers look for
 * {@code CEF:} at the start of the message, and the CEF standard already fixes UTF-8.
 *
 * <p>Framing: one datagram per message over UDP (RFC 5426); {@code LENGTH SP MESSAGE} octet counting
 * over TCP (RFC 6587 3.4.1) and TLS (RFC 5425 4.3), which needs no escaping of line ends. Stateless.
 */
public final class SyslogMessage {
    /** RFC 5424 APP-NAME. */
    public static final String APP_NAME = "Bulwark";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SyslogMessage() {
    }

    /** The RFC 5424 message, as bytes. */
    public static byte[] rfc5424(int facility, int cefSeverity, Instant time, String hostname, String msgId,
            String cef) {
        int pri = facility * 8 + syslogSeverity(cefSeverity);
        String header = "<" + pri + ">1 " + TIMESTAMP.format(time.truncatedTo(ChronoUnit.MILLIS)) + " "
                + token(hostname, 255) + " " + APP_NAME + " - " + token(msgId, 32) + " - ";
        return (header + cef).getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 6587 octet counting: the byte length, a space, the message. */
    public static byte[] octetCounted(byte[] message) {
        byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(message, 0, frame, prefix.length, message.length);
        return frame;
    }

    /**
     * Syslog severity of a CEF severity, by the CEF bands: 0-3 Low: informational (6), 4-6 Medium:
     * warning (4), 7-8 High: error (3), 9-10 Very-High: critical (2).
     */
    public static int syslogSeverity(int cefSeverity) {
        if (cefSeverity >= 9) {
            return 2;
        }
        if (cefSeverity >= 7) {
            return 3;
        }
        return cefSeverity >= 4 ? 4 : 6;
    }

    /** A header field: printable US-ASCII without spaces (RFC 5424 PRINTUSASCII), or the NILVALUE. */
    static String token(String value, int max) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c > 32 && c < 127 ? c : '_');
        }
        return out.toString();
    }
}
