package io.bulwark.scan.antispam.dnsbl;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Prefetch;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.antispam.MessageText;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsNames;
import io.bulwark.scan.domain.PublicSuffixList;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Anti-spam check that asks URI block lists (SURBL/URIBL style, domain-keyed lists of RFC 5782
 * 2.3) about the domains the message's links point to. Defends against spam whose senders change
 * addresses but must keep pointing at the sites they advertise.
 *
 * <p>Each link host is reduced to its registrable domain with the {@link PublicSuffixList}
 * ({@code www.shop.example.co.uk} is asked as {@code example.co.uk}), as these lists key their
 * entries; a link to a bare IPv4 address is asked reversed. At most {@link #MAX_DOMAINS} distinct
 * domains per message are asked, in the order the links appear. All DNS goes through the
 * per-message {@link DnsLookup}. Immutable, thread-safe.
 */
public final class UriblCheck implements Check {
    /** Most link domains asked about per message. */
    public static final int MAX_DOMAINS = 20;

    private final java.util.function.Supplier<List<ListZone>> zones;

    /** A check over fixed lists. */
    public UriblCheck(List<ListZone> zones) {
        List<ListZone> fixed = List.copyOf(zones);
        this.zones = () -> fixed;
    }

    /**
     * A check over lists that change while the node runs (the console's custom lists): read once per
     * message, so one message sees one version.
     */
    public UriblCheck(java.util.function.Supplier<List<ListZone>> zones) {
        this.zones = zones;
    }

    @Override
    public String name() {
        return "uribl";
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
        return ListZone.symbol(zones.get(), name, "link domain");
    }

    /**
     * Every (list, link domain) question at once, one thread each, as soon as the message is parsed;
     * the run then asks them one after the other and finds the answers waiting.
     */
    @Override
    public void prefetch(Prefetch prefetch) {
        List<ListZone> zones = this.zones.get();
        if (prefetch.message().isEmpty() || zones.isEmpty()) {
            return;
        }
        PublicSuffixList suffixes = prefetch.service(PublicSuffixList.class);
        // reading the links is work too: on a thread of its own, which then starts the questions
        prefetch.start(() -> {
            for (String key : keys(prefetch.message().get(), suffixes)) {
                for (ListZone zone : zones) {
                    prefetch.start(() -> new ZoneLookup(prefetch.dns()).ask(zone, key, "link domain " + key));
                }
            }
        });
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<ListZone> zones = this.zones.get();
        if (zones.isEmpty()) {
            return CheckResult.clean("no URI block list configured");
        }
        Set<String> keys = keys(context.message(), context.service(PublicSuffixList.class));
        if (keys.isEmpty()) {
            return CheckResult.clean();
        }
        ZoneLookup lookup = new ZoneLookup(context.service(DnsLookup.class));
        for (ListZone zone : zones) {
            for (String key : keys) {
                lookup.ask(zone, key, "link domain " + key);
            }
        }
        return ZoneLookups.result(lookup);
    }

    /** The names asked about: each link host's registrable domain, or its reversed address. */
    private static Set<String> keys(io.bulwark.scan.message.MessageView message, PublicSuffixList suffixes) {
        Set<String> keys = new LinkedHashSet<>();
        for (String host : MessageText.of(message).hosts()) {
            if (keys.size() >= MAX_DOMAINS) {
                break;
            }
            if (com.google.common.net.InetAddresses.isInetAddress(host)) {
                InetAddress a = com.google.common.net.InetAddresses.forString(host);
                keys.add(DnsNames.reversed(a));
            } else {
                suffixes.registrableDomain(host).ifPresent(keys::add);
            }
        }
        return keys;
    }
}
