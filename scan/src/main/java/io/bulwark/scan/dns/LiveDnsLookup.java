package io.bulwark.scan.dns;

import java.net.InetAddress;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link DnsLookup} whose resolvers and timeout can change while the node runs (the console's DNS
 * settings): each question goes to a {@link DnsjavaLookup} built from the settings in force when it
 * is asked. A new settings instance builds a new lookup, with its own empty cache (answers from the
 * old resolvers are not carried over); questions already asked finish on the old one. The supplier
 * must hand out the same instance while nothing changed, since instances are compared by identity.
 *
 * <p>Per-message views ({@link #withBudget(int)}) count against their own budget and follow a change
 * too. Thread-safe; the cost per question is a volatile read and a reference comparison.
 */
public final class LiveDnsLookup implements DnsLookup {
    private final Supplier<DnsSettings> settings;
    private final Function<DnsSettings, DnsLookup> factory;
    private volatile Built built;

    private record Built(DnsSettings settings, DnsLookup lookup) {
    }

    /**
     * @param settings the settings in force, the same instance while unchanged
     * @param factory  builds a lookup for settings (tests may count the builds)
     */
    public LiveDnsLookup(Supplier<DnsSettings> settings, Function<DnsSettings, DnsLookup> factory) {
        this.settings = settings;
        this.factory = factory;
        DnsSettings first = settings.get();
        this.built = new Built(first, factory.apply(first));
    }

    /** Over {@link DnsjavaLookup#create(DnsSettings)}. */
    public static LiveDnsLookup create(Supplier<DnsSettings> settings) {
        return new LiveDnsLookup(settings, DnsjavaLookup::create);
    }

    private DnsLookup current() {
        DnsSettings wanted = settings.get();
        Built b = built;
        if (b.settings() == wanted) {
            return b.lookup();
        }
        synchronized (this) {
            b = built;
            if (b.settings() != wanted) {
                b = new Built(wanted, factory.apply(wanted));
                built = b;
            }
            return b.lookup();
        }
    }

    @Override
    public DnsResult<String> txt(String name) {
        return current().txt(name);
    }

    @Override
    public DnsResult<InetAddress> a(String name) {
        return current().a(name);
    }

    @Override
    public DnsResult<InetAddress> aaaa(String name) {
        return current().aaaa(name);
    }

    @Override
    public DnsResult<MxHost> mx(String name) {
        return current().mx(name);
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return current().ptr(address);
    }

    @Override
    public DnsLookup withBudget(int maxQueries) {
        return new BudgetedLookup(this, maxQueries);
    }
}
