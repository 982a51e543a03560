package io.bulwark.scan.dns;

import java.net.InetAddress;

/**
 * The DNS questions engines ask (SPF, DKIM, DMARC, DNSBL, rDNS, delivery), with answers as a
 * closed set of outcomes ({@link DnsResult}).
 *
 * <p>Lifecycle: one instance per node ({@link DnsjavaLookup#create(DnsSettings)}), shared by all
 * engines and messages, so there is one resolver configuration and one TTL cache. Each message
 * takes a view with its own query budget ({@link #withBudget(int)}) and passes that to its engines.
 *
 * <p>Thread-safe. Calls block until answered or timed out; run them on virtual threads.
 *
 * <p>Names are always absolute (a trailing dot is optional and ignored, no search path applies) and
 * case-insensitive; an internationalised name may be given in Unicode or as A-labels (punycode,
 * RFC 5890), it is asked as A-labels. A name that cannot exist in DNS answers
 * {@link DnsResult.NoSuchDomain}.
 */
public interface DnsLookup {
    /**
     * TXT records of {@code name}; the character-strings of one record are joined without a
     * separator (RFC 7208 3.3, RFC 6376 3.6.2.2), decoded as UTF-8.
     */
    DnsResult<String> txt(String name);

    /** IPv4 addresses of {@code name}. */
    DnsResult<InetAddress> a(String name);

    /** IPv6 addresses of {@code name}. */
    DnsResult<InetAddress> aaaa(String name);

    /** MX hosts of {@code name}, sorted by preference (lowest first, RFC 5321 5.1). */
    DnsResult<MxHost> mx(String name);

    /**
     * PTR names of {@code address} (in-addr.arpa / ip6.arpa), absolute, lower case, without the
     * trailing dot.
     */
    DnsResult<String> ptr(InetAddress address);

    /**
     * A per-message view of this lookup: every call counts as one query (cached or not, as in the
     * RFC 7208 4.6.4 lookup limit); calls beyond {@code maxQueries} answer
     * {@link DnsResult.BudgetExhausted} without any traffic. A budget on a budgeted view draws
     * from both. The view is thread-safe, so parallel engines of one message can share it.
     */
    DnsLookup withBudget(int maxQueries);

    /**
     * A per-message view that remembers every answer it gives and every question in flight, so a
     * question asked early (the pipeline's prefetch) and again by a check goes out once, and all of
     * one message's checks see the same answer. Take it once per message, under the message's budget:
     * {@code node.remembering().withBudget(n)}. Thread-safe.
     */
    default DnsLookup remembering() {
        return new RememberingLookup(this);
    }

    /**
     * This view without its per-message budgets (the view under the outermost {@link
     * #withBudget(int)}), for the pipeline's prefetch only: it asks early what the message's checks
     * will ask, and their asking still spends the budget. A view without a budget is itself.
     */
    default DnsLookup unbudgeted() {
        return this;
    }

    /**
     * The client's forward-confirmed reverse DNS name ("FCrDNS", RFC 8601 2.7.3 "iprev"): the PTR
     * names of {@code address} whose A or AAAA records contain {@code address}. At most 10 PTR
     * names are checked (as RFC 7208 4.6.4 limits them for SPF's "ptr").
     *
     * @return {@link DnsResult.Records} with the confirmed names (PTR order), {@link
     *     DnsResult.NoRecords} when no name confirms (or there is no PTR), {@link
     *     DnsResult.NoSuchDomain} when the reverse zone has no such name, {@link
     *     DnsResult.TemporaryFailure} when the PTR lookup, or a forward lookup that could have
     *     confirmed, failed temporarily and no other name confirmed, and {@link
     *     DnsResult.BudgetExhausted} when the budget ran out before anything confirmed
     */
    default DnsResult<String> forwardConfirmedPtr(InetAddress address) {
        return ForwardConfirmation.check(this, address);
    }

    /**
     * A lookup that asks nobody: every question is a temporary failure with {@code reason}. For
     * runs that must not reach the network, such as the pipeline's start-up warm-up.
     */
    static DnsLookup offline(String reason) {
        return new DnsLookup() {
            @Override
            public DnsResult<String> txt(String name) {
                return new DnsResult.TemporaryFailure<>(reason);
            }

            @Override
            public DnsResult<InetAddress> a(String name) {
                return new DnsResult.TemporaryFailure<>(reason);
            }

            @Override
            public DnsResult<InetAddress> aaaa(String name) {
                return new DnsResult.TemporaryFailure<>(reason);
            }

            @Override
            public DnsResult<MxHost> mx(String name) {
                return new DnsResult.TemporaryFailure<>(reason);
            }

            @Override
            public DnsResult<String> ptr(InetAddress address) {
                return new DnsResult.TemporaryFailure<>(reason);
            }

            @Override
            public DnsLookup withBudget(int maxQueries) {
                return this;
            }
        };
    }
}
