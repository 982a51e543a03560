package io.bulwark.scan.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Forward-confirmed reverse DNS on top of any {@link DnsLookup}; stateless. */
final class ForwardConfirmation {
    /** RFC 7208 4.6.4: a "ptr" evaluation looks at no more than 10 names. */
    static final int MAX_NAMES = 10;

    private ForwardConfirmation() {
    }

    static DnsResult<String> check(DnsLookup dns, InetAddress address) {
        DnsResult<String> ptr = dns.ptr(address);
        if (!(ptr instanceof DnsResult.Records<String> names)) {
            return ptr;
        }
        List<String> confirmed = new ArrayList<>();
        DnsResult<String> unsure = null;
        for (String name : names.values().subList(0, Math.min(MAX_NAMES, names.values().size()))) {
            DnsResult<InetAddress> forward = address instanceof Inet4Address ? dns.a(name) : dns.aaaa(name);
            if (forward instanceof DnsResult.Records<InetAddress> r && r.values().contains(address)) {
                confirmed.add(name);
            } else if (unsure == null && forward instanceof DnsResult.TemporaryFailure<InetAddress> t) {
                unsure = new DnsResult.TemporaryFailure<>("forward lookup of " + name + ": " + t.reason());
            } else if (unsure == null && forward instanceof DnsResult.BudgetExhausted<InetAddress> b) {
                unsure = new DnsResult.BudgetExhausted<>(b.budget());
            }
            // otherwise this name does not point back; another one may
        }
        if (!confirmed.isEmpty()) {
            return new DnsResult.Records<>(confirmed);
        }
        return unsure != null ? unsure : new DnsResult.NoRecords<>();
    }
}
