package io.bulwark.scan.antiphishing;

import com.google.common.net.InetAddresses;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.antiphishing.links.Link;
import io.bulwark.scan.antiphishing.links.LinkExtractor;
import io.bulwark.scan.antiphishing.links.WebAddress;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsNames;
import io.bulwark.scan.dns.DnsResult;
import io.bulwark.scan.domain.PublicSuffixList;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anti-phishing check of link hosts against SURBL/URIBL-style DNS zones: the registrable domain
 * of each link host (or the reversed octets of an IPv4 host) is looked up as
 * {@code <domain>.<zone>}; an A record in 127.0.0.0/8 other than 127.0.0.1 (which these zones use
 * to say "query refused", e.g. through a public resolver) is a listing, reported as
 * {@value #LISTED} with the zone and the answer.
 *
 * <p>At most {@value #MAX_DOMAINS} distinct domains per message are asked (the shared DNS budget
 * also applies). A DNS temporary failure with no listing found is a temporary failure of the
 * check, never a clean result. Needs {@link DnsLookup} and {@link PublicSuffixList}; thread-safe.
 */
public final class LinkReputationCheck implements Check {
    public static final String LISTED = "LINK_DNSBL";
    static final int MAX_DOMAINS = 20;

    private final List<String> zones;
    private final LinkExtractor extractor = new LinkExtractor();

    /** @param zones DNS zones, e.g. {@code multi.surbl.org} */
    public LinkReputationCheck(List<String> zones) {
        this.zones = zones.stream().map(String::strip).filter(z -> !z.isEmpty()).toList();
    }

    @Override
    public String name() {
        return "link-reputation";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_PHISHING;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return definitions();
    }

    public static List<SymbolDefinition> definitions() {
        return List.of(new SymbolDefinition(LISTED, ProtectionModule.ANTI_PHISHING, 30, null,
                "a link's domain is listed in a URI reputation zone (SURBL/URIBL style)"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        if (zones.isEmpty()) {
            return CheckResult.clean("no reputation zone configured");
        }
        PublicSuffixList suffixes = context.service(PublicSuffixList.class);
        DnsLookup dns = context.service(DnsLookup.class);
        Map<String, String> domains = new LinkedHashMap<>(); // query label -> host shown in reasons
        for (Link link : extractor.extract(context.message()).links()) {
            WebAddress t = link.target();
            if (!t.web() || domains.size() >= MAX_DOMAINS) {
                continue;
            }
            if (t.ip()) {
                if (t.host().contains(".")) {
                    domains.putIfAbsent(DnsNames.reversed(InetAddresses.forString(t.host())), t.host());
                }
            } else {
                suffixes.registrableDomain(t.host()).ifPresent(d -> domains.putIfAbsent(d, d));
            }
        }
        Findings f = new Findings();
        List<String> temporary = new ArrayList<>();
        for (Map.Entry<String, String> d : domains.entrySet()) {
            for (String zone : zones) {
                DnsResult<InetAddress> answer = dns.a(d.getKey() + "." + zone);
                if (answer.isTemporary()) {
                    temporary.add(d.getKey() + "." + zone + ": " + answer);
                }
                for (InetAddress a : answer.values()) {
                    byte[] b = a.getAddress();
                    if (b.length == 4 && b[0] == 127 && !(b[1] == 0 && b[2] == 0 && b[3] == 1)) {
                        f.add(LISTED, "link domain " + d.getValue() + " is listed in " + zone + " ("
                                + a.getHostAddress() + ")", "");
                        break;
                    }
                }
            }
        }
        List<io.bulwark.scan.Symbol> found = f.symbols();
        if (found.isEmpty() && !temporary.isEmpty()) {
            return CheckResult.temporaryFailure(String.join("; ", temporary));
        }
        return CheckResult.of(found);
    }
}
