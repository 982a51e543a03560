package io.bulwark.scan.antispam.dnsbl;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Prefetch;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsNames;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.ReceivedChain;
import io.bulwark.scan.message.TrustedNetworks;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Anti-spam check that asks DNS block lists (RFC 5782) about the host that handed the message to
 * the organisation, and, for lists configured as {@code deep}, about the other untrusted hops of
 * the Received chain. Defends against mail from addresses that spam traps and list operators
 * have seen sending spam, and from botnet end-user addresses.
 *
 * <p>The handing-over host is the SMTP client unless the client is trusted ({@link TrustedNetworks}
 * or a trusted session), then the first untrusted hop of the chain. Mail submitted with SMTP AUTH
 * is not checked. Each listing reports the zone's symbol with the meaning of its return code;
 * answers outside the zone's listing codes are ignored with a remark (RFC 5782 2.1: lists answer
 * in 127.0.0.0/8; 127.255.255.x are "query refused" codes). A list that fails temporarily gives a
 * temporary failure when nothing was found; a listing found on another list wins.
 *
 * <p>All DNS goes through the per-message {@link DnsLookup} service. Immutable, thread-safe.
 */
public final class DnsblCheck implements Check {
    /** Most addresses asked about per message (handing-over host plus deep hops). */
    public static final int MAX_ADDRESSES = 5;

    private final java.util.function.Supplier<List<ListZone>> zones;

    /** A check over fixed lists. */
    public DnsblCheck(List<ListZone> zones) {
        List<ListZone> fixed = List.copyOf(zones);
        this.zones = () -> fixed;
    }

    /**
     * A check over lists that change while the node runs (the console's custom lists): read once per
     * message, so one message sees one version.
     */
    public DnsblCheck(java.util.function.Supplier<List<ListZone>> zones) {
        this.zones = zones;
    }

    @Override
    public String name() {
        return "dnsbl";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_SPAM;
    }

    /** None fixed: the lists' symbols are {@linkplain #liveSymbol live}, as the lists can change. */
    @Override
    public List<SymbolDefinition> symbols() {
        return List.of();
    }

    @Override
    public java.util.Optional<SymbolDefinition> liveSymbol(String name) {
        return ListZone.symbol(zones.get(), name, "sending address");
    }

    /**
     * The sending host is known from the envelope: every list is asked about it early, one thread
     * per list, while the content still arrives. (Received hops of a deep list, and the edge case of
     * a trusted client, wait for the run.)
     */
    @Override
    public void prefetch(Prefetch prefetch) {
        Envelope envelope = prefetch.envelope();
        List<ListZone> zones = this.zones.get();
        if (prefetch.message().isPresent() || zones.isEmpty() || envelope.isAuthenticated() || envelope.trusted()
                || envelope.clientAddress().isEmpty()) {
            return;
        }
        TrustedNetworks trusted = prefetch.find(TrustedNetworks.class).orElseGet(TrustedNetworks::none);
        if (trusted.contains(envelope.clientAddress())) {
            return;
        }
        for (ListZone zone : zones) {
            prefetch.start(() -> ask(new ZoneLookup(prefetch.dns()), zone, envelope.clientAddress(), "sending host"));
        }
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<ListZone> zones = this.zones.get();
        if (zones.isEmpty()) {
            return CheckResult.clean("no DNS block list configured");
        }
        Envelope envelope = context.envelope();
        if (envelope.isAuthenticated()) {
            return CheckResult.clean("authenticated submission, block lists not asked");
        }
        TrustedNetworks trusted = service(context);
        String handover = null;
        if (!envelope.trusted() && !envelope.clientAddress().isEmpty() && !trusted.contains(envelope.clientAddress())) {
            handover = envelope.clientAddress();
        } else {
            handover = ReceivedChain.firstUntrusted(context.message(), trusted).map(ReceivedChain.Hop::address)
                    .orElse(null);
        }
        if (handover == null) {
            return CheckResult.clean("no untrusted sending host (mail from inside)");
        }
        Set<String> deep = new LinkedHashSet<>();
        for (ReceivedChain.Hop hop : ReceivedChain.hops(context.message())) {
            if (deep.size() + 1 >= MAX_ADDRESSES) {
                break;
            }
            if (!trusted.contains(hop.address()) && !hop.address().equals(handover)) {
                deep.add(hop.address());
            }
        }
        ZoneLookup lookup = new ZoneLookup(context.service(DnsLookup.class));
        for (ListZone zone : zones) {
            ask(lookup, zone, handover, "sending host");
            if (zone.deep()) {
                for (String address : deep) {
                    ask(lookup, zone, address, "Received hop");
                }
            }
        }
        return ZoneLookups.result(lookup);
    }

    private static void ask(ZoneLookup lookup, ListZone zone, String literal, String role) {
        String a = literal.startsWith("IPv6:") ? literal.substring(5) : literal;
        if (!com.google.common.net.InetAddresses.isInetAddress(a)) {
            return;
        }
        InetAddress address = com.google.common.net.InetAddresses.forString(a);
        lookup.ask(zone, DnsNames.reversed(address), role + " " + address.getHostAddress());
    }

    private static TrustedNetworks service(CheckContext context) {
        return context.find(TrustedNetworks.class).orElseGet(TrustedNetworks::none);
    }

    /** The zones, for documentation and tests. */
    public List<ListZone> zones() {
        return new ArrayList<>(zones.get());
    }
}
