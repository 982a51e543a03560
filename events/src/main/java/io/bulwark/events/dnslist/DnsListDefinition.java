package io.bulwark.events.dnslist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One custom DNS list as an administrator configured it.
 *
 * @param symbol    the symbol a listing reports, its identity: upper case letters, digits and
 *                  {@code _}, at most 64 (e.g. {@code RBL_EXAMPLE})
 * @param kind      address list or link-domain list
 * @param zone      the list's DNS zone, e.g. {@code bl.example.org} (lower case, no trailing dot)
 * @param codes     return address (e.g. {@code 127.0.0.2}) to its meaning; empty: every answer in
 *                  127.0.0.0/8 except 127.255.255.0/24 counts (RFC 5782 2.1)
 * @param weight    weight on the 0-100 rating, -100 to 100
 * @param blacklist whether a listing makes the message BLACKLISTED
 * @param deep      address lists only: also ask about the other untrusted Received hops
 * @param enabled   whether the gateway asks the list
 */
public record DnsListDefinition(String symbol, DnsListKind kind, String zone, Map<String, String> codes,
        double weight, boolean blacklist, boolean deep, boolean enabled) {
    private static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern ZONE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}"
            + "[a-z0-9])?)+");
    private static final Pattern LOOPBACK_CODE = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    public DnsListDefinition {
        symbol = symbol == null ? null : symbol.strip();
        zone = zone == null ? null : zone.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        codes = codes == null ? Map.of() : Map.copyOf(new TreeMap<>(codes));
    }

    /** Why the definition cannot be used, one line per problem; empty when it can. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
            problems.add("symbol '" + symbol + "': upper case letters, digits and _, starting with a letter, at most 64");
        }
        if (kind == null) {
            problems.add("kind is required: DNSBL or URIBL");
        }
        if (zone == null || zone.length() > 253 || !ZONE.matcher(zone).matches()) {
            problems.add("zone '" + zone + "' is not a DNS zone such as bl.example.org");
        }
        for (Map.Entry<String, String> code : codes.entrySet()) {
            if (!LOOPBACK_CODE.matcher(code.getKey()).matches()
                    || java.util.Arrays.stream(code.getKey().split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)) {
                problems.add("return code '" + code.getKey() + "' is not an address in 127.0.0.0/8");
            }
            if (code.getValue() == null || code.getValue().isBlank() || code.getValue().length() > 200
                    || code.getValue().chars().anyMatch(Character::isISOControl)) {
                problems.add("the meaning of " + code.getKey() + " must be 1-200 characters without control characters");
            }
        }
        if (codes.size() > 256) {
            problems.add("at most 256 return codes");
        }
        if (Double.isNaN(weight) || weight < -100 || weight > 100) {
            problems.add("weight " + weight + " is outside -100..100");
        }
        if (deep && kind == DnsListKind.URIBL) {
            problems.add("deep applies to address lists (DNSBL) only");
        }
        return problems;
    }
}
