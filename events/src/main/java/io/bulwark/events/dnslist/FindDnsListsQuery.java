package io.bulwark.events.dnslist;

/** The custom DNS lists as they are now; answered with a {@link DnsListsProjection.View}. */
public record FindDnsListsQuery() {
}
