package io.bulwark.events.rule;

import java.util.List;

/**
 * Who a rule is for, on the sending side. A sender matches when its envelope address matches any
 * of {@code addresses} <em>or</em> the SMTP client's IP address is in any of {@code networks}: both
 * lists are alternatives describing the sender (like the commercial gateway's Email and IP tabs).
 * Empty lists match nobody, so a rule must say "*" to mean everyone.
 *
 * @param addresses address patterns, see {@link AddressPattern}
 * @param networks  IPv4/IPv6 addresses or CIDR networks, see {@link IpNetwork}
 */
public record SenderCriteria(List<String> addresses, List<String> networks) {

    public SenderCriteria {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** Any sender. */
    public static SenderCriteria anyone() {
        return new SenderCriteria(List.of("*"), List.of());
    }

    /** Whether nothing is configured (such criteria match no sender). */
    public boolean matchesNobody() {
        return addresses.isEmpty() && networks.isEmpty();
    }
}
