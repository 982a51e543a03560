package io.bulwark.scan.senderauth.dmarc.internal;

import io.bulwark.scan.senderauth.dmarc.DmarcVerdict.Policy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One DMARC policy record (RFC 7489 6.3 tags, 6.4 grammar) as policy evaluation needs it: the
 * requested policies, the percentage and the alignment modes. Reporting tags ({@code rua},
 * {@code ruf}, {@code fo}, {@code rf}, {@code ri}) are read only as far as 6.6.3 needs them (is
 * there a valid {@code rua} URI?): we send no reports. Unknown tags are ignored (6.3: "MUST be
 * ignored"), so are later repeats of a tag.
 *
 * <p>Parsing follows 6.6.3: a TXT record that does not start with {@code v=DMARC1} is not a DMARC
 * record ({@link #isDmarc(String)}); a record without a valid {@code p} (or with an invalid
 * {@code sp}) is treated as {@code p=none} when it has a valid {@code rua} ({@link #fallback()}
 * says so), otherwise it is invalid ({@link #error()}) and no policy applies. An invalid
 * {@code pct}, {@code adkim} or {@code aspf} falls back to its default (100, relaxed) and is
 * named in {@link #remarks()}: 6.3 gives those defaults and rejecting a whole record for a
 * reporting typo would drop the owner's {@code p=reject}.
 *
 * <p>Immutable; {@link #parse(String)} is stateless and thread-safe.
 *
 * @param p           requested policy for the domain; null when the record is invalid
 * @param sp          requested policy for sub-domains when given and valid, else null (then
 *                    {@code p} applies, 6.3)
 * @param pct         percentage of failing messages the policy applies to, 0..100
 * @param strictDkim  {@code adkim=s}
 * @param strictSpf   {@code aspf=s}
 * @param fallback    true when {@code p} was invalid or missing and the {@code rua} rule of 6.6.3
 *                    made it {@code none}
 * @param error       why the record is invalid (no valid {@code p} and no {@code rua}), or empty
 * @param remarks     tags with invalid values that fell back to their defaults
 */
public record DmarcRecord(Policy p, Policy sp, int pct, boolean strictDkim, boolean strictSpf, boolean fallback,
        String error, List<String> remarks) {

    private static final Pattern VERSION = Pattern.compile("^[ \\t]*v[ \\t]*=[ \\t]*DMARC1[ \\t]*(;.*)?$",
            Pattern.DOTALL);
    private static final Pattern PCT = Pattern.compile("[0-9]{1,3}");

    public DmarcRecord {
        remarks = List.copyOf(remarks);
        error = error == null ? "" : error;
    }

    /**
     * Whether a TXT record is a DMARC record: it starts with the {@code v} tag whose value is
     * {@code DMARC1} (6.6.3 step 2; the value is case-sensitive, {@code %x44.4d...} in 6.4).
     */
    public static boolean isDmarc(String txt) {
        return txt != null && VERSION.matcher(txt).matches();
    }

    /** Whether the record gives a policy (possibly the {@code rua} fallback). */
    public boolean valid() {
        return p != null;
    }

    /** Parses a record that {@link #isDmarc(String)} accepted. */
    public static DmarcRecord parse(String txt) {
        Map<String, String> tags = tags(txt);
        List<String> remarks = new ArrayList<>();
        Optional<Policy> p = policy(tags.get("p"));
        Optional<Policy> sp = policy(tags.get("sp"));
        boolean spInvalid = tags.containsKey("sp") && sp.isEmpty();
        boolean fallback = false;
        String error = "";
        Policy requested = p.orElse(null);
        if (p.isEmpty() || spInvalid) {
            String what = p.isEmpty()
                    ? (tags.containsKey("p") ? "an invalid p=" + tags.get("p") : "no p tag")
                    : "an invalid sp=" + tags.get("sp");
            if (hasValidUri(tags.get("rua"))) {
                // 6.6.3 step 6: act as if "v=DMARC1; p=none" had been retrieved
                requested = Policy.NONE;
                sp = Optional.empty();
                fallback = true;
                remarks.add("the record has " + what + "; treated as p=none because it has a valid rua (RFC 7489 6.6.3)");
            } else {
                requested = null;
                error = "the record has " + what + " and no valid rua";
            }
        }
        int pct = 100;
        String pctValue = tags.get("pct");
        if (pctValue != null) {
            if (PCT.matcher(pctValue).matches() && Integer.parseInt(pctValue) <= 100) {
                pct = Integer.parseInt(pctValue);
            } else {
                remarks.add("pct=" + pctValue + " is not 0 to 100; 100 applies");
            }
        }
        boolean strictDkim = alignment("adkim", tags.get("adkim"), remarks);
        boolean strictSpf = alignment("aspf", tags.get("aspf"), remarks);
        return new DmarcRecord(requested, fallback ? null : sp.orElse(null), pct, strictDkim, strictSpf, fallback,
                error, remarks);
    }

    /** The policy that applies to a domain: {@code sp} for a sub-domain of the policy domain when given. */
    public Policy policyFor(boolean subdomain) {
        return subdomain && sp != null ? sp : p;
    }

    /**
     * Tag-value pairs (6.4: {@code tag *WSP "=" *WSP value}, separated by {@code ;}); names lower
     * case, first occurrence wins, parts without {@code =} are ignored.
     */
    private static Map<String, String> tags(String txt) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : txt.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).strip();
            tags.putIfAbsent(name, value);
        }
        return tags;
    }

    private static Optional<Policy> policy(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(Policy.NONE);
            case "quarantine" -> Optional.of(Policy.QUARANTINE);
            case "reject" -> Optional.of(Policy.REJECT);
            default -> Optional.empty();
        };
    }

    private static boolean alignment(String tag, String value, List<String> remarks) {
        if (value == null || value.equalsIgnoreCase("r")) {
            return false;
        }
        if (value.equalsIgnoreCase("s")) {
            return true;
        }
        remarks.add(tag + "=" + value + " is neither r nor s; relaxed applies");
        return false;
    }

    /**
     * Whether a {@code rua} value holds at least one syntactically valid URI (6.6.3 step 6):
     * comma-separated, each an absolute URI with an optional {@code !size} suffix (6.4).
     */
    static boolean hasValidUri(String rua) {
        if (rua == null) {
            return false;
        }
        for (String item : rua.split(",")) {
            String uri = item.strip();
            int bang = uri.lastIndexOf('!');
            if (bang > 0) {
                uri = uri.substring(0, bang);
            }
            try {
                URI parsed = new URI(uri);
                if (parsed.isAbsolute() && parsed.getSchemeSpecificPart() != null
                        && !parsed.getSchemeSpecificPart().isEmpty()) {
                    return true;
                }
            } catch (URISyntaxException e) {
                // not this one; try the next
            }
        }
        return false;
    }
}
