package io.bulwark.scan.senderauth.dkim.internal;

import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsResult;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fetches and parses key records at {@code <selector>._domainkey.<domain>} (RFC 6376 3.6.2.2)
 * through the message's {@link DnsLookup}, once per name per message: several signatures (DKIM
 * and ARC) with the same key cost one query and one parse.
 *
 * <p>One instance per message; not thread-safe.
 */
public final class KeyLookup {
    /** What the lookup gave. */
    public sealed interface Outcome {
    }

    /** A usable record (possibly revoked: check {@link KeyRecord#revoked()}). */
    public record Found(KeyRecord key) implements Outcome {
    }

    /**
     * No usable record.
     *
     * @param kind   why: the name has no key, DNS failed temporarily, or the query budget was spent
     * @param reason in words
     */
    public record Missing(Kind kind, String reason) implements Outcome {
    }

    public enum Kind {
        PERMANENT, TEMPORARY, BUDGET
    }

    private final DnsLookup dns;
    private final Map<String, Outcome> seen = new HashMap<>();

    public KeyLookup(DnsLookup dns) {
        this.dns = dns;
    }

    /** The key record for {@code selector} in {@code domain}. */
    public Outcome key(String selector, String domain) {
        String name = (selector + "._domainkey." + domain).toLowerCase(Locale.ROOT);
        return seen.computeIfAbsent(name, this::fetch);
    }

    private Outcome fetch(String name) {
        DnsResult<String> answer = dns.txt(name);
        return switch (answer) {
            case DnsResult.Records<String> r -> parseFirstValid(name, r);
            case DnsResult.NoRecords<String> n -> new Missing(Kind.PERMANENT, "no key record at " + name);
            case DnsResult.NoSuchDomain<String> n -> new Missing(Kind.PERMANENT, "no key record at " + name
                    + " (NXDOMAIN)");
            case DnsResult.TemporaryFailure<String> t -> new Missing(Kind.TEMPORARY, "key lookup of " + name
                    + " failed temporarily: " + t.reason());
            case DnsResult.BudgetExhausted<String> b -> new Missing(Kind.BUDGET, "key of " + name
                    + " not looked up: the message's DNS query budget of " + b.budget() + " was spent");
        };
    }

    /** RFC 6376 3.6.2.2: with several TXT records, the first valid one is used. */
    private static Outcome parseFirstValid(String name, DnsResult.Records<String> records) {
        String firstProblem = null;
        for (String txt : records.values()) {
            try {
                return new Found(KeyRecord.parse(txt));
            } catch (KeyRecord.InvalidKeyException e) {
                if (firstProblem == null) {
                    firstProblem = e.getMessage();
                }
            }
        }
        return new Missing(Kind.PERMANENT, "key record at " + name + " is unusable: " + firstProblem);
    }
}
