package io.bulwark.scan.antispam.dnsbl;

import io.bulwark.scan.Symbol;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsResult;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks one list about one name and turns the answer into a symbol or a problem: shared by the
 * address lists and the link-domain lists. Not thread-confined state: one per check run.
 */
final class ZoneLookup {
    final List<Symbol> found = new ArrayList<>();
    final List<String> temporary = new ArrayList<>();
    final List<String> remarks = new ArrayList<>();
    boolean budgetSpent;

    private final DnsLookup dns;

    ZoneLookup(DnsLookup dns) {
        this.dns = dns;
    }

    /** Asks {@code zone} about {@code key} (reversed address or domain) on behalf of {@code subject}. */
    void ask(ListZone zone, String key, String subject) {
        String name = key + "." + zone.zone();
        switch (dns.a(name)) {
            case DnsResult.Records<InetAddress> r -> {
                List<String> meanings = new ArrayList<>();
                for (InetAddress a : r.values()) {
                    String meaning = zone.meaning(a.getHostAddress());
                    if (meaning != null) {
                        meanings.add(meaning);
                    } else {
                        remarks.add(zone.zone() + " answered " + a.getHostAddress() + " for " + subject
                                + " (not a listing code, ignored)");
                    }
                }
                if (!meanings.isEmpty()) {
                    found.add(Symbol.of(zone.symbol(), subject + " listed by " + zone.zone() + ": "
                            + String.join(", ", meanings)));
                }
            }
            case DnsResult.NoRecords<InetAddress> n -> {
                // not listed
            }
            case DnsResult.NoSuchDomain<InetAddress> n -> {
                // not listed
            }
            case DnsResult.TemporaryFailure<InetAddress> t -> temporary.add(zone.zone() + " for " + subject + ": "
                    + t.reason());
            case DnsResult.BudgetExhausted<InetAddress> b -> budgetSpent = true;
        }
    }
}
