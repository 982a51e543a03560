package io.bulwark.scan.dns;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one DNS question: a closed set, so an engine's {@code switch} has to say what it
 * does with each (STYLE.md 12: a temporary failure maps to a temporary result, never to "fail").
 *
 * <ul>
 *   <li>{@link Records}: NOERROR with answers of the asked type (CNAMEs followed);</li>
 *   <li>{@link NoRecords}: NOERROR without answers (NODATA, RFC 2308 2.2): the name exists;</li>
 *   <li>{@link NoSuchDomain}: NXDOMAIN (RFC 2308 2.1), also for names that cannot exist in DNS
 *       (a label over 63 octets, a name over 255);</li>
 *   <li>{@link TemporaryFailure}: timeout, SERVFAIL, REFUSED, a network error: ask again later;</li>
 *   <li>{@link BudgetExhausted}: the per-message query budget ({@link DnsLookup#withBudget(int)})
 *       was spent, so the question was not sent at all. Not temporary: SPF maps it to permerror
 *       (RFC 7208 4.6.4), other engines to "skipped".</li>
 * </ul>
 *
 * <p>Immutable values.
 *
 * @param <T> the type of one answer (a TXT string, an address, an MX host, a PTR name)
 */
public sealed interface DnsResult<T> {
    /** NOERROR with answers, in the order the server or cache gave them (MX: by preference). */
    record Records<T>(List<T> values) implements DnsResult<T> {
        public Records {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("Records needs at least one value; use NoRecords");
            }
        }
    }

    /** NOERROR/NODATA: the name exists but has no record of this type. */
    record NoRecords<T>() implements DnsResult<T> {
    }

    /** NXDOMAIN: the name does not exist. */
    record NoSuchDomain<T>() implements DnsResult<T> {
    }

    /** The question could not be answered now (timeout, SERVFAIL, REFUSED, network error). */
    record TemporaryFailure<T>(String reason) implements DnsResult<T> {
        public TemporaryFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Not asked: the per-message budget of {@code budget} queries was already spent. */
    record BudgetExhausted<T>(int budget) implements DnsResult<T> {
    }

    /** The answers, or an empty list for every outcome other than {@link Records}. */
    default List<T> values() {
        return this instanceof Records<T> r ? r.values() : List.of();
    }

    /** True only for {@link TemporaryFailure}: the caller should answer with a temporary status. */
    default boolean isTemporary() {
        return this instanceof TemporaryFailure<T>;
    }

    /** True for {@link NoRecords} and {@link NoSuchDomain}: the DNS said definitely "nothing". */
    default boolean isAbsent() {
        return this instanceof NoRecords<T> || this instanceof NoSuchDomain<T>;
    }
}
