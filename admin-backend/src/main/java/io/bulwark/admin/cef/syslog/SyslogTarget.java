package io.bulwark.admin.cef.syslog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the export sends: {@code udp://host:port}, {@code tcp://host:port} or {@code tls://host:port}
 * (the contract of {@code bulwark.cef.target}). An IPv6 literal is written in brackets
 * ({@code tcp://[2001:db8::1]:514}). The port is required: syslog has three usual ports (514 for UDP
 * and TCP, 6514 for TLS) and guessing one is how records end up nowhere.
 *
 * @param transport the scheme
 * @param host      host name or IP literal (without brackets)
 * @param port      1-65535
 */
public record SyslogTarget(Transport transport, String host, int port) {

    /** RFC 5426 (UDP), RFC 6587 octet counting (TCP), RFC 5425 (TLS). */
    public enum Transport {
        UDP, TCP, TLS;

        /** As written in a target: {@code udp}, {@code tcp}, {@code tls}. */
        public String scheme() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Parses a target.
     *
     * @throws IllegalArgumentException with a sentence for the administrator
     */
    public static SyslogTarget parse(String text) {
        String t = text == null ? "" : text.strip();
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw invalid(text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Transport transport = switch (scheme) {
            case "udp" -> Transport.UDP;
            case "tcp" -> Transport.TCP;
            case "tls" -> Transport.TLS;
            default -> throw invalid(text);
        };
        String host = uri.getHost();
        if (host == null || host.isEmpty() || uri.getPort() < 1 || uri.getPort() > 65535 || uri.getUserInfo() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw invalid(text);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new SyslogTarget(transport, host, uri.getPort());
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("A syslog target is udp://host:port, tcp://host:port or tls://host:port, "
                + "not '" + text + "'");
    }

    @Override
    public String toString() {
        return transport.scheme() + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
