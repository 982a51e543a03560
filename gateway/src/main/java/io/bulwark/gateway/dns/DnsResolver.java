package io.bulwark.gateway.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The gateway's DNS client (dnsjava): MX and address lookups for delivery, against configurable
 * upstream resolvers ({@code bulwark.dns.servers}, each {@code ip} or {@code ip:port}) so tests and
 * appliances behind split DNS can point it anywhere.
 *
 * <p>Every answer is one of a closed set of outcomes, and a temporary failure (timeout, SERVFAIL,
 * refused) is always reported as such, never as "not found": turning a DNS hiccup into a bounce
 * would lose mail. Names are always looked up as absolute names, so no search path can redirect a
 * recipient domain. Answers are cached by TTL in a cache private to this instance.
 *
 * <p>Thread-safe; lookups block, which is cheap on the virtual threads delivery runs on.
 */
public final class DnsResolver {
    private final Supplier<io.bulwark.scan.dns.DnsSettings> settings;
    private volatile Built built;

    /** The resolver and cache of one settings instance. */
    private record Built(io.bulwark.scan.dns.DnsSettings settings, Resolver resolver, Cache cache) {
    }

    /**
     * @param servers resolver addresses ({@code ip}, {@code ip:port}, {@code [ipv6]:port}); empty
     *                for the system's resolvers
     * @param timeout time allowed per query
     */
    public DnsResolver(List<String> servers, Duration timeout) {
        this(constant(io.bulwark.scan.dns.DnsSettings.servers(servers).withTimeout(timeout)));
    }

    /**
     * A resolver that follows {@code settings} (the console's DNS settings): a new instance builds a
     * new resolver with an empty cache for the next lookup; the same instance while unchanged.
     */
    public DnsResolver(Supplier<io.bulwark.scan.dns.DnsSettings> settings) {
        this.settings = settings;
        io.bulwark.scan.dns.DnsSettings first = settings.get();
        this.built = new Built(first, resolver(first.servers(), first.timeout()), new Cache(DClass.IN));
    }

    private static Supplier<io.bulwark.scan.dns.DnsSettings> constant(io.bulwark.scan.dns.DnsSettings s) {
        return () -> s;
    }

    private Built current() {
        io.bulwark.scan.dns.DnsSettings wanted = settings.get();
        Built b = built;
        if (b.settings() == wanted) {
            return b;
        }
        synchronized (this) {
            b = built;
            if (b.settings() != wanted) {
                b = new Built(wanted, resolver(wanted.servers(), wanted.timeout()), new Cache(DClass.IN));
                built = b;
            }
            return b;
        }
    }

    private static Resolver resolver(List<String> servers, Duration timeout) {
        if (servers.isEmpty()) {
            ExtendedResolver system = new ExtendedResolver();
            system.setTimeout(timeout);
            return system;
        } else {
            List<Resolver> upstream = new ArrayList<>();
            for (String server : servers) {
                SimpleResolver simple = new SimpleResolver(parseServer(server));
                simple.setTimeout(timeout);
                upstream.add(simple);
            }
            ExtendedResolver extended = new ExtendedResolver(upstream);
            extended.setTimeout(timeout);
            return extended;
        }
    }

    /** Outcome of an MX lookup. */
    public sealed interface MxResult {
        /** MX hosts, sorted by preference (lowest first). */
        record Found(List<MxHost> hosts) implements MxResult {
        }

        /** The domain exists but publishes no MX: RFC 5321 5.1 says use its A/AAAA records. */
        record NoMx() implements MxResult {
        }

        /** RFC 7505 null MX ("0 ."): the domain accepts no mail. */
        record NullMx() implements MxResult {
        }

        /** NXDOMAIN: the domain does not exist. */
        record NotFound() implements MxResult {
        }

        /** The question could not be answered now; try again later. */
        record TemporaryFailure(String reason) implements MxResult {
        }
    }

    /** One MX record. */
    public record MxHost(int preference, String host) {
    }

    /** Outcome of an address lookup. */
    public sealed interface AddressResult {
        /** IPv4 addresses first, then IPv6 (IPv4 is reachable from more networks). */
        record Found(List<InetAddress> addresses) implements AddressResult {
        }

        /** No such name, or no A/AAAA record. */
        record NotFound() implements AddressResult {
        }

        /** The question could not be answered now; try again later. */
        record TemporaryFailure(String reason) implements AddressResult {
        }
    }

    /** Looks up the MX records of {@code domain}. */
    public MxResult lookupMx(String domain) {
        Lookup lookup;
        try {
            lookup = newLookup(domain, Type.MX);
        } catch (TextParseException e) {
            return new MxResult.NotFound();
        }
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<MxHost> hosts = new ArrayList<>();
                for (Record record : records) {
                    if (record instanceof MXRecord mx) {
                        hosts.add(new MxHost(mx.getPriority(), hostName(mx.getTarget())));
                    }
                }
                if (hosts.isEmpty()) {
                    yield new MxResult.NoMx();
                }
                // RFC 7505: a single MX whose target is the root means "no mail here".
                if (hosts.size() == 1 && hosts.getFirst().host().isEmpty()) {
                    yield new MxResult.NullMx();
                }
                hosts.removeIf(h -> h.host().isEmpty());
                hosts.sort(Comparator.comparingInt(MxHost::preference));
                yield new MxResult.Found(List.copyOf(hosts));
            }
            case Lookup.TYPE_NOT_FOUND -> new MxResult.NoMx();
            case Lookup.HOST_NOT_FOUND -> new MxResult.NotFound();
            default -> new MxResult.TemporaryFailure("MX lookup of " + domain + ": " + lookup.getErrorString());
        };
    }

    /** Looks up the addresses of {@code host}; an address literal is returned as is, without DNS. */
    public AddressResult lookupAddresses(String host) {
        InetAddress literal = literal(host);
        if (literal != null) {
            return new AddressResult.Found(List.of(literal));
        }
        List<InetAddress> found = new ArrayList<>();
        String temporary = null;
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup lookup;
            try {
                lookup = newLookup(host, type);
            } catch (TextParseException e) {
                return new AddressResult.NotFound();
            }
            Record[] records = lookup.run();
            switch (lookup.getResult()) {
                case Lookup.SUCCESSFUL -> {
                    for (Record record : records) {
                        if (record instanceof ARecord a) {
                            found.add(a.getAddress());
                        } else if (record instanceof AAAARecord aaaa) {
                            found.add(aaaa.getAddress());
                        }
                    }
                }
                case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> {
                    // Absence of one family is normal; the other may still answer.
                }
                default -> temporary = "address lookup of " + host + ": " + lookup.getErrorString();
            }
        }
        if (!found.isEmpty()) {
            return new AddressResult.Found(List.copyOf(found));
        }
        return temporary != null ? new AddressResult.TemporaryFailure(temporary) : new AddressResult.NotFound();
    }

    private Lookup newLookup(String name, int type) throws TextParseException {
        String absolute = name.endsWith(".") ? name : name + ".";
        Lookup lookup = new Lookup(Name.fromString(absolute), type);
        Built b = current();
        lookup.setResolver(b.resolver());
        lookup.setCache(b.cache());
        return lookup;
    }

    private static String hostName(Name name) {
        String text = name.toString(true).toLowerCase(Locale.ROOT);
        return text.equals(".") ? "" : text;
    }

    private static InetAddress literal(String host) {
        byte[] bytes = Address.toByteArray(host, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(host, Address.IPv6);
        }
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static InetSocketAddress parseServer(String server) {
        String s = server.trim();
        String host = s;
        int port = 53;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            host = s.substring(1, close);
            if (close + 1 < s.length() && s.charAt(close + 1) == ':') {
                port = Integer.parseInt(s.substring(close + 2));
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = Integer.parseInt(s.substring(s.indexOf(':') + 1));
        }
        InetAddress address = literal(host);
        if (address == null) {
            throw new IllegalArgumentException("bulwark.dns.servers entries must be IP literals: " + server);
        }
        return new InetSocketAddress(address, port);
    }
}
