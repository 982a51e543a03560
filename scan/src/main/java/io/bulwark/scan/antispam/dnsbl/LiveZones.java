package io.bulwark.scan.antispam.dnsbl;

import java.util.List;
import java.util.function.Supplier;

/**
 * The DNS lists a node asks now, replaced as a whole when the configuration changes (the custom
 * lists edited in the console reach every node as events): {@link DnsblCheck} and
 * {@link UriblCheck} read their suppliers once per message.
 *
 * <p>Thread-safe: one writer replaces both lists at once, readers take a consistent pair.
 */
public final class LiveZones {
    private record Pair(List<ListZone> address, List<ListZone> link) {
    }

    private volatile Pair current;

    public LiveZones(List<ListZone> address, List<ListZone> link) {
        current = new Pair(List.copyOf(address), List.copyOf(link));
    }

    /** Replaces both lists; the next message sees them. */
    public void replace(List<ListZone> address, List<ListZone> link) {
        current = new Pair(List.copyOf(address), List.copyOf(link));
    }

    /** The address lists (DNSBL) now. */
    public Supplier<List<ListZone>> address() {
        return () -> current.address();
    }

    /** The link-domain lists (URIBL) now. */
    public Supplier<List<ListZone>> link() {
        return () -> current.link();
    }
}
