package io.bulwark.gateway.routing;

import java.util.Map;
import java.util.TreeMap;

/**
 * Picks the next hop for a recipient domain: {@code transport-map} entry for the exact domain,
 * else {@code relayhost}, else the domain's own MX records (RFC 5321 section 5.1); and the
 * outbound TLS policy: the {@code tls-policy} entry for the exact domain, else the default (as
 * Postfix's {@code smtp_tls_policy_maps} keyed by recipient domain).
 *
 * <p>All entries are parsed once at construction, so a configuration error fails start-up rather
 * than a delivery. Immutable and thread-safe.
 */
public final class Router {
    private final Map<String, Route> transportMap;
    private final Route relayhost;
    private final int defaultPort;
    private final Map<String, TlsPolicy> tlsPolicies;
    private final TlsPolicy defaultTlsPolicy;

    /** A router with no TLS policy map and {@code may} as the default. */
    public Router(Map<String, String> transportMap, String relayhost, int defaultPort) {
        this(transportMap, relayhost, defaultPort, Map.of(), TlsPolicy.MAY);
    }

    /**
     * @param transportMap domain (any case) to next hop text
     * @param relayhost    next hop text, or null/blank for MX routing
     * @param defaultPort  port for MX routing and next hops written without one
     * @param tlsPolicies  domain (any case) to {@code none|may|encrypt|verify}
     * @param defaultTls   policy for domains absent from {@code tlsPolicies}
     */
    public Router(Map<String, String> transportMap, String relayhost, int defaultPort, Map<String, String> tlsPolicies,
            TlsPolicy defaultTls) {
        this.defaultPort = defaultPort;
        Map<String, TlsPolicy> policies = new TreeMap<>();
        tlsPolicies.forEach((domain, policy) -> policies.put(RelayPolicy.normaliseDomain(domain),
                TlsPolicy.parse(policy)));
        this.tlsPolicies = Map.copyOf(policies);
        this.defaultTlsPolicy = defaultTls;
        Map<String, Route> routes = new TreeMap<>();
        transportMap.forEach((domain, hop) -> routes.put(RelayPolicy.normaliseDomain(domain),
                Route.parse(hop, defaultPort)));
        this.transportMap = Map.copyOf(routes);
        this.relayhost = relayhost == null || relayhost.isBlank() ? null : Route.parse(relayhost, defaultPort);
    }

    /** The next hop for mail to {@code domain}. */
    public Route route(String domain) {
        String d = RelayPolicy.normaliseDomain(domain);
        Route explicit = transportMap.get(d);
        if (explicit != null) {
            return explicit;
        }
        if (relayhost != null) {
            return relayhost;
        }
        return new Route(d, defaultPort, true);
    }

    /** The outbound TLS policy for mail to {@code domain}. */
    public TlsPolicy tlsPolicy(String domain) {
        return tlsPolicies.getOrDefault(RelayPolicy.normaliseDomain(domain), defaultTlsPolicy);
    }
}
