package io.bulwark.events.dnslist;

/** What a DNS list is asked about. */
public enum DnsListKind {
    /**
     * An address list (DNSBL, RFC 5782): asked about the host that handed the message to the
     * organisation (and, for {@code deep} lists, the other untrusted Received hops).
     */
    DNSBL,
    /** A link-domain list (SURBL/URIBL): asked about the registrable domain of each link. */
    URIBL
}
