package io.bulwark.gateway.routing;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides at RCPT time whether a recipient may be accepted, the way Postfix's
 * {@code reject_unauth_destination} does: a recipient in a relay domain is accepted from anyone
 * (inbound mail for the organisation), any other recipient only from a client in
 * {@code mynetworks} (outbound mail from the organisation's servers). Everything else would make us
 * an open relay.
 *
 * <p>Loopback is deliberately not implicit: an appliance behind a port-forward or a local proxy
 * would otherwise relay for the whole Internet. Domain matching is exact and case-insensitive
 * (no sub-domain wildcard), so {@code sub.example.com} must be listed on its own.
 *
 * <p>Immutable and thread-safe. The console will later feed it from a projection instead of
 * properties; the decision itself stays here.
 */
public final class RelayPolicy {
    private final Set<String> relayDomains;
    private final List<Cidr> mynetworks;

    public RelayPolicy(Collection<String> relayDomains, Collection<String> mynetworks) {
        this.relayDomains = relayDomains.stream()
                .map(RelayPolicy::normaliseDomain)
                .collect(Collectors.toUnmodifiableSet());
        this.mynetworks = mynetworks.stream().map(Cidr::parse).toList();
    }

    /** Whether the recipient domain is one we accept mail for from any client. */
    public boolean isRelayDomain(String domain) {
        return relayDomains.contains(normaliseDomain(domain));
    }

    /** Whether the client is in {@code mynetworks}. */
    public boolean isTrustedClient(InetAddress client) {
        for (Cidr network : mynetworks) {
            if (network.contains(client)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a message from {@code client} may be accepted for a recipient in {@code domain}. */
    public boolean mayAccept(InetAddress client, String domain) {
        return isRelayDomain(domain) || isTrustedClient(client);
    }

    /** Lower case, without the trailing dot of an absolute name. */
    public static String normaliseDomain(String domain) {
        return io.bulwark.events.settings.DomainNames.normalise(domain);
    }
}
