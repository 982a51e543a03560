package io.bulwark.scan.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the node's {@link DnsLookup} talks to DNS.
 *
 * @param servers         upstream resolvers, each {@code ip}, {@code ip:port} or {@code [ipv6]:port}
 *                        (IP literals only: resolving a resolver's name would need DNS); empty for
 *                        the system's resolvers (/etc/resolv.conf)
 * @param timeout         time allowed for one question, all servers and retries included
 * @param cacheMaxEntries bound on cached RRsets, positive and negative (oldest evicted first)
 * @param maxCacheTtl     cap on how long any answer is cached, whatever its TTL says
 * @param maxNegativeTtl  cap on how long NXDOMAIN/NODATA is cached (RFC 2308 5: the SOA minimum
 *                        otherwise; answers without an SOA are not cached negatively)
 */
public record DnsSettings(List<String> servers, Duration timeout, int cacheMaxEntries, Duration maxCacheTtl,
        Duration maxNegativeTtl) {
    public DnsSettings {
        servers = List.copyOf(servers);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxCacheTtl, "maxCacheTtl");
        Objects.requireNonNull(maxNegativeTtl, "maxNegativeTtl");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout must be positive: " + timeout);
        }
        if (cacheMaxEntries < 1) {
            throw new IllegalArgumentException("DNS cache needs at least one entry: " + cacheMaxEntries);
        }
        servers.forEach(DnsSettings::parseServer);
    }

    /** System resolvers, 5 s per question, 50,000 cached RRsets, 1 day and 15 minutes caps. */
    public static DnsSettings defaults() {
        return new DnsSettings(List.of(), Duration.ofSeconds(5), 50_000, Duration.ofDays(1), Duration.ofMinutes(15));
    }

    /** The defaults with these servers. */
    public static DnsSettings servers(List<String> servers) {
        DnsSettings d = defaults();
        return new DnsSettings(servers, d.timeout(), d.cacheMaxEntries(), d.maxCacheTtl(), d.maxNegativeTtl());
    }

    /** A copy with another per-question timeout. */
    public DnsSettings withTimeout(Duration timeout) {
        return new DnsSettings(servers, timeout, cacheMaxEntries, maxCacheTtl, maxNegativeTtl);
    }

    /**
     * Parses one server entry: {@code 192.0.2.53}, {@code 192.0.2.53:5353}, {@code 2001:db8::53},
     * {@code [2001:db8::53]:5353}; port 53 when none is given.
     *
     * @throws IllegalArgumentException if the entry is not an IP literal with an optional port
     */
    public static InetSocketAddress parseServer(String server) {
        String s = server.trim();
        String host = s;
        int port = 53;
        try {
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("DNS server entry lacks ']': " + server);
                }
                host = s.substring(1, close);
                if (close + 1 < s.length()) {
                    if (s.charAt(close + 1) != ':') {
                        throw new IllegalArgumentException("DNS server entry: expected ':port' after ']': " + server);
                    }
                    port = Integer.parseInt(s.substring(close + 2));
                }
            } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
                host = s.substring(0, s.indexOf(':'));
                port = Integer.parseInt(s.substring(s.indexOf(':') + 1));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DNS server entry has a bad port: " + server, e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DNS server port out of range: " + server);
        }
        byte[] bytes = org.xbill.DNS.Address.toByteArray(host, org.xbill.DNS.Address.IPv4);
        if (bytes == null) {
            bytes = org.xbill.DNS.Address.toByteArray(host, org.xbill.DNS.Address.IPv6);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("DNS server entries must be IP literals: " + server);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("DNS server entry: " + server, e);
        }
    }
}
