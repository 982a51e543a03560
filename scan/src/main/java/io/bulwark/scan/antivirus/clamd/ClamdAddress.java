package io.bulwark.scan.antivirus.clamd;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where clamd listens, as written in {@code bulwark.antivirus.clamd.address} (a contract):
 * {@code tcp:HOST:PORT} ({@code tcp:127.0.0.1:3310}; an IPv6 host in brackets,
 * {@code tcp:[::1]:3310}) or {@code unix:PATH} ({@code unix:/run/clamav/clamd.ctl}), matching
 * clamd.conf's {@code TCPAddr}/{@code TCPSocket} and {@code LocalSocket}.
 *
 * @param text   the address as configured
 * @param socket the socket address to connect to
 */
public record ClamdAddress(String text, SocketAddress socket) {

    /**
     * Parses an address.
     *
     * @throws IllegalArgumentException naming the expected forms
     */
    public static ClamdAddress parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("unix:") && t.length() > 5) {
            return new ClamdAddress(t, UnixDomainSocketAddress.of(Path.of(t.substring(5))));
        }
        if (t.startsWith("tcp:")) {
            String hostPort = t.substring(4);
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0) {
                String host = hostPort.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                try {
                    int port = Integer.parseInt(hostPort.substring(colon + 1));
                    if (port > 0 && port < 65536 && !host.isEmpty()) {
                        return new ClamdAddress(t, InetSocketAddress.createUnresolved(host, port));
                    }
                } catch (NumberFormatException e) {
                    // fall through to the error naming the forms
                }
            }
        }
        throw new IllegalArgumentException("clamd address must be tcp:HOST:PORT or unix:PATH, not '" + text + "'");
    }

    /** The address to connect to now (a TCP host name is resolved at each connect). */
    SocketAddress resolved() {
        if (socket instanceof InetSocketAddress inet && inet.isUnresolved()) {
            return new InetSocketAddress(inet.getHostString(), inet.getPort());
        }
        return socket;
    }

    @Override
    public String toString() {
        return text;
    }
}
