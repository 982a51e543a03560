package io.bulwark.events.settings;

import io.bulwark.events.rule.IpNetwork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mail routing of every gateway node, as Postfix names it: the domains mail is accepted for
 * from anyone ({@code relay_domains}), the clients allowed to relay anywhere ({@code mynetworks}),
 * the default next hop ({@code relayhost}, empty for MX routing), next hops per recipient domain
 * ({@code transport_maps}), and the relay domains whose recipients are verified at RCPT time by
 * asking the next hop (Postfix's {@code reject_unverified_recipient}).
 *
 * <p>The compact constructor normalises (domains lower case without trailing dot, duplicates
 * dropped, order kept; null lists and maps empty; blank relayhost null) but does not validate:
 * {@link #problems()} does, so that a request can be answered with every problem at once.
 *
 * @param relayDomains     domains accepted from any client
 * @param mynetworks       networks (CIDR or single address) whose clients may relay to any domain
 * @param relayhost        default next hop, or null for MX routing
 * @param transportMap     recipient domain to next hop; wins over {@code relayhost}
 * @param verifyRecipients relay domains whose recipients are verified at RCPT time
 */
public record RoutingSettings(List<String> relayDomains, List<String> mynetworks, String relayhost,
        Map<String, String> transportMap, List<String> verifyRecipients) {

    /** Port used to check next hops written without one (the gateway's delivery port may differ). */
    private static final int ANY_PORT = 25;

    public RoutingSettings {
        relayDomains = domains(relayDomains);
        mynetworks = mynetworks == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(mynetworks.stream().map(String::strip).toList()));
        relayhost = relayhost == null || relayhost.isBlank() ? null : relayhost.strip();
        Map<String, String> map = new TreeMap<>();
        if (transportMap != null) {
            transportMap.forEach((domain, hop) -> map.put(domain == null ? "" : DomainNames.normalise(domain),
                    hop == null ? "" : hop.strip()));
        }
        transportMap = java.util.Collections.unmodifiableMap(map);
        verifyRecipients = domains(verifyRecipients);
    }

    /** No relay domains, no networks, MX routing: a gateway that accepts nothing from outside. */
    public static RoutingSettings empty() {
        return new RoutingSettings(List.of(), List.of(), null, Map.of(), List.of());
    }

    /**
     * What is wrong with these settings, one sentence each, naming the value; empty when they can
     * be applied. Checks syntax only (no DNS, no connection).
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String d : relayDomains) {
            if (!DomainNames.isHostName(d)) {
                problems.add("relay domain '" + d + "' is not a domain name");
            }
        }
        for (String n : mynetworks) {
            if (!IpNetwork.isValid(n)) {
                problems.add("network '" + n + "' is not an IP address or a CIDR network such as 192.0.2.0/24");
            }
        }
        if (relayhost != null) {
            nextHopProblem("relayhost", relayhost).ifPresent(problems::add);
        }
        transportMap.forEach((domain, hop) -> {
            if (!DomainNames.isHostName(domain)) {
                problems.add("transport map domain '" + domain + "' is not a domain name");
            }
            nextHopProblem("next hop for " + domain, hop).ifPresent(problems::add);
        });
        for (String d : verifyRecipients) {
            if (!relayDomains.contains(d)) {
                problems.add("recipient verification domain '" + d + "' is not a relay domain");
            }
        }
        return List.copyOf(problems);
    }

    private static java.util.Optional<String> nextHopProblem(String what, String hop) {
        try {
            NextHop.parse(hop, ANY_PORT);
            return java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(what + ": " + e.getMessage());
        }
    }

    private static List<String> domains(List<String> domains) {
        if (domains == null) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(domains.stream()
                .map(d -> d == null ? "" : DomainNames.normalise(d)).toList()));
    }
}
