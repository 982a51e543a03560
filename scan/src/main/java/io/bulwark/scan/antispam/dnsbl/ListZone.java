package io.bulwark.scan.antispam.dnsbl;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One DNS block list (RFC 5782) as configured: the symbol a listing reports, the zone to ask, what
 * its return codes mean, the weight, and whether a listing makes the message BLACKLISTED.
 *
 * @param symbol    symbol name, upper case (e.g. {@code RBL_EXAMPLE})
 * @param zone      the list's DNS zone, e.g. {@code zen.example.org}
 * @param codes     return address (e.g. {@code 127.0.0.2}) to its meaning; empty means every
 *                  answer in 127.0.0.0/8 counts (RFC 5782 2.1), except 127.255.255.0/24, which
 *                  lists use for "query refused" (never a listing)
 * @param weight    weight on the 0-100 rating scale
 * @param blacklist whether a listing implies the BLACKLISTED status
 * @param deep      IP lists only: also check every untrusted Received hop, not only the host that
 *                  handed the message to us (lists of dynamic addresses must not: end users send
 *                  legitimately through their provider's servers)
 */
public record ListZone(String symbol, String zone, Map<String, String> codes, double weight, boolean blacklist,
        boolean deep) {
    private static final Pattern ZONE = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*"
            + "[a-z0-9])?)+");

    public ListZone {
        Objects.requireNonNull(symbol, "symbol");
        zone = Objects.requireNonNull(zone, "zone").strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (!ZONE.matcher(zone).matches()) {
            throw new IllegalArgumentException("not a DNS zone: " + zone);
        }
        codes = codes == null ? Map.of() : Map.copyOf(codes);
    }

    /** The meaning of an answer, or null when the answer is not a listing. */
    String meaning(String answer) {
        if (!codes.isEmpty()) {
            return codes.get(answer);
        }
        if (answer.startsWith("127.") && !answer.startsWith("127.255.255.")) {
            return "listed (" + answer + ")";
        }
        return null;
    }

    /** The symbol of the list among {@code zones} that reports {@code name}, if any. */
    static java.util.Optional<io.bulwark.scan.SymbolDefinition> symbol(java.util.List<ListZone> zones, String name,
            String what) {
        return zones.stream().filter(z -> z.symbol().equals(name)).findFirst()
                .map(z -> new io.bulwark.scan.SymbolDefinition(z.symbol(),
                        io.bulwark.events.scan.ProtectionModule.ANTI_SPAM, z.weight(),
                        z.blacklist() ? io.bulwark.events.scan.ScanStatus.BLACKLISTED : null,
                        what + " listed by " + z.zone()));
    }
}
