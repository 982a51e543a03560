package io.bulwark.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Recipient address verification for relay domains behind this gateway, like Postfix's
 * {@code reject_unverified_recipient}: before accepting {@code RCPT TO}, ask the domain's next hop
 * whether it would accept the address (an SMTP probe without DATA, {@link RecipientProbe}), so
 * unknown recipients are refused during the SMTP dialogue instead of being bounced later (which
 * would send backscatter to forged senders).
 *
 * <p>Results are cached: accepted for {@code positiveTtl}, refused for {@code negativeTtl}.
 * A temporary failure (next hop down, 4xx, timeout) is never cached and never turns into a
 * permanent refusal: the caller answers 4xx and the client retries. The cache holds at most
 * {@value #MAX_ENTRIES} addresses; beyond that expired entries are purged, then the cache is
 * cleared (a probe costs less than unbounded memory). Thread-safe.
 */
public final class RecipientVerifier {
    static final int MAX_ENTRIES = 100_000;

    private final java.util.function.Supplier<Set<String>> domains;
    private final RecipientProbe probe;
    private final Duration positiveTtl;
    private final Duration negativeTtl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** What the next hop said about an address. */
    public sealed interface Verdict {
        /** The next hop accepted the recipient. */
        record Accepted() implements Verdict {
        }

        /** The next hop refused it permanently; {@code reply} is its 5xx reply. */
        record Refused(String reply) implements Verdict {
        }

        /** Unknown for now (no connection, 4xx, timeout); {@code reason} says why. */
        record Unknown(String reason) implements Verdict {
        }
    }

    private record Cached(Verdict verdict, Instant expires) {
    }

    public RecipientVerifier(Collection<String> domains, RecipientProbe probe, Duration positiveTtl,
            Duration negativeTtl, Clock clock) {
        this(fixed(domains), probe, positiveTtl, negativeTtl, clock);
    }

    /**
     * @param domains the domains verified now, normalised (the routing in force: a change from the
     *                console applies to the next RCPT)
     */
    public RecipientVerifier(java.util.function.Supplier<Set<String>> domains, RecipientProbe probe,
            Duration positiveTtl, Duration negativeTtl, Clock clock) {
        this.domains = domains;
        this.probe = probe;
        this.positiveTtl = positiveTtl;
        this.negativeTtl = negativeTtl;
        this.clock = clock;
    }

    /** Whether recipients in {@code domain} are verified. */
    public boolean covers(String domain) {
        return domains.get().contains(RelayPolicy.normaliseDomain(domain));
    }

    /** The cached verdict for {@code address}, probing the next hop when there is none. */
    public Verdict verify(String address) {
        String key = address.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.verdict();
        }
        Verdict verdict = probe.probe(address);
        switch (verdict) {
            case Verdict.Accepted a -> remember(key, verdict, now.plus(positiveTtl));
            case Verdict.Refused r -> remember(key, verdict, now.plus(negativeTtl));
            case Verdict.Unknown u -> cache.remove(key);
        }
        return verdict;
    }

    /** Number of cached verdicts (for tests and metrics). */
    public int cacheSize() {
        return cache.size();
    }

    private void remember(String key, Verdict verdict, Instant expires) {
        if (cache.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            cache.values().removeIf(c -> !now.isBefore(c.expires()));
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
        }
        cache.put(key, new Cached(verdict, expires));
    }

    private static java.util.function.Supplier<Set<String>> fixed(Collection<String> domains) {
        Set<String> set = domains.stream().map(RelayPolicy::normaliseDomain).collect(Collectors.toUnmodifiableSet());
        return () -> set;
    }
}
