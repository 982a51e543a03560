package io.bulwark.scan.dns;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A per-message view that spends one unit of budget per question; thread-safe. */
final class BudgetedLookup implements DnsLookup {
    private final DnsLookup delegate;
    private final int budget;
    private final AtomicInteger left;

    BudgetedLookup(DnsLookup delegate, int budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("DNS budget must not be negative: " + budget);
        }
        this.delegate = delegate;
        this.budget = budget;
        this.left = new AtomicInteger(budget);
    }

    private <T> DnsResult<T> spend(Supplier<DnsResult<T>> question) {
        // decrement only while positive, so a burst of parallel callers cannot overdraw
        if (left.getAndUpdate(n -> n > 0 ? n - 1 : 0) <= 0) {
            return new DnsResult.BudgetExhausted<>(budget);
        }
        return question.get();
    }

    /** Queries still allowed. */
    int remaining() {
        return left.get();
    }

    @Override
    public DnsResult<String> txt(String name) {
        return spend(() -> delegate.txt(name));
    }

    @Override
    public DnsResult<InetAddress> a(String name) {
        return spend(() -> delegate.a(name));
    }

    @Override
    public DnsResult<InetAddress> aaaa(String name) {
        return spend(() -> delegate.aaaa(name));
    }

    @Override
    public DnsResult<MxHost> mx(String name) {
        return spend(() -> delegate.mx(name));
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return spend(() -> delegate.ptr(address));
    }

    @Override
    public DnsLookup withBudget(int maxQueries) {
        return new BudgetedLookup(this, maxQueries);
    }

    @Override
    public DnsLookup unbudgeted() {
        return delegate.unbudgeted();
    }
}
