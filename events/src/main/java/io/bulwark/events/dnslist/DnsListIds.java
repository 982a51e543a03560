package io.bulwark.events.dnslist;

/** The one aggregate that owns the custom DNS lists; commands carry no identifier and route here. */
public final class DnsListIds {
    /** Aggregate identifier. */
    public static final String AGGREGATE = "antispam-dns-lists";

    private DnsListIds() {
    }
}
