package io.bulwark.scan.message;

import io.bulwark.events.rule.IpNetwork;
import java.net.InetAddress;
import java.util.List;

/**
 * The networks whose hosts the administrator trusts to relay honestly ({@code mynetworks}): edge
 * gateways and internal mail servers. A node-wide scan service. Checks that judge the Internet
 * host a message came from (SPF, DNSBLs) look past these hops in the {@link ReceivedChain}, as
 * SpamAssassin's {@code trusted_networks} do.
 *
 * <p>Besides the configured networks, addresses that cannot be an Internet sender are trusted
 * (loopback, RFC 1918 / unique-local, link-local, unspecified): an SPF verdict about them would
 * only judge the inside of the organisation.
 */
public final class TrustedNetworks {
    private final List<IpNetwork> networks;

    public TrustedNetworks(List<IpNetwork> networks) {
        this.networks = List.copyOf(networks);
    }

    /** No configured networks (only non-public addresses are trusted). */
    public static TrustedNetworks none() {
        return new TrustedNetworks(List.of());
    }

    /** From the text form of {@code mynetworks} ({@code 192.0.2.0/24}, {@code 2001:db8::/32}). */
    public static TrustedNetworks of(List<String> networks) {
        return new TrustedNetworks(networks.stream().map(IpNetwork::parse).toList());
    }

    /** Whether a literal address is trusted; an unparseable one is not. */
    public boolean contains(String address) {
        for (IpNetwork network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return notPublic(address);
    }

    private static boolean notPublic(String literal) {
        String a = literal.startsWith("IPv6:") ? literal.substring(5) : literal;
        if (!com.google.common.net.InetAddresses.isInetAddress(a)) {
            return false;
        }
        InetAddress address = com.google.common.net.InetAddresses.forString(a);
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local (RFC 4193)
    }
}
