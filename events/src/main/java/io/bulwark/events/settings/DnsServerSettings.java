package io.bulwark.events.settings;

import io.bulwark.events.rule.IpNetwork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The DNS resolvers every gateway node asks (MX lookups for delivery, the checks' DNS, the client's
 * reverse name) and how long one query may take. Servers are written {@code ip} or {@code ip:port}
 * (an IPv6 address with a port as {@code [ip]:port}); none means the system's resolvers.
 *
 * @param servers       resolver addresses, in the order they are tried
 * @param timeoutMillis how long one query waits for an answer
 */
public record DnsServerSettings(List<String> servers, long timeoutMillis) {

    /** Longest query timeout accepted: a check waiting longer holds the SMTP reply too long. */
    public static final long MAX_TIMEOUT_MILLIS = 60_000;

    public DnsServerSettings {
        servers = servers == null ? List.of() : List.copyOf(new LinkedHashSet<>(servers.stream()
                .map(s -> s == null ? "" : s.strip()).toList()));
    }

    /** What is wrong, one sentence each naming the value; empty when these settings can be applied. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String server : servers) {
            if (!isServer(server)) {
                problems.add("DNS server '" + server + "' is not an IP address or ip:port (IPv6 as [ip]:port)");
            }
        }
        if (timeoutMillis < 1 || timeoutMillis > MAX_TIMEOUT_MILLIS) {
            problems.add("DNS timeout " + timeoutMillis + " ms must be between 1 and " + MAX_TIMEOUT_MILLIS + " ms");
        }
        return List.copyOf(problems);
    }

    /** Whether {@code server} is {@code ip}, {@code ipv4:port} or {@code [ipv6]:port}. */
    public static boolean isServer(String server) {
        if (server == null || server.isEmpty()) {
            return false;
        }
        if (IpNetwork.isAddress(server)) {
            return true;
        }
        String host;
        String port;
        if (server.startsWith("[")) {
            int close = server.indexOf("]:");
            if (close < 0) {
                return false;
            }
            host = server.substring(1, close);
            port = server.substring(close + 2);
        } else {
            int colon = server.lastIndexOf(':');
            if (colon < 0 || server.indexOf(':') != colon) {
                return false;
            }
            host = server.substring(0, colon);
            port = server.substring(colon + 1);
        }
        if (!IpNetwork.isAddress(host) || port.isEmpty() || port.length() > 5
                || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535;
    }
}
