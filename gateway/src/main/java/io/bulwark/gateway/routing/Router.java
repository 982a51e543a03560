package io.bulwark.gateway.routing;

import java.util.Map;
import java.util.TreeMap;

/**
 * Picks the next hop for a recipient domain: {@code transport-map} entry for the exact domain,
 * else {@code relayhost}, else the domain's own MX records (RFC 5321 section 5.1).
 *
 * <p>All entries are parsed once at construction, so a configuration error fails start-up rather
 * than a delivery. Immutable and thread-safe.
 */
public final class Router {
    private final Map<String, Route> transportMap;
    private final Route relayhost;
    private final int defaultPort;

    /**
     * @param transportMap domain (any case) to next hop text
     * @param relayhost    next hop text, or null/blank for MX routing
     * @param defaultPort  port for MX routing and next hops written without one
     */
    public Router(Map<String, String> transportMap, String relayhost, int defaultPort) {
        this.defaultPort = defaultPort;
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
}
