package io.bulwark.scan.dns;

import java.net.IDN;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The node's {@link DnsLookup} on dnsjava: a stub resolver asking the configured recursive
 * resolvers ({@link DnsSettings#servers()}), with one TTL cache for the node.
 *
 * <ul>
 *   <li>Cache: dnsjava's {@link Cache}, bounded ({@link DnsSettings#cacheMaxEntries()}), TTLs capped
 *       ({@link DnsSettings#maxCacheTtl()}); NXDOMAIN and NODATA are cached by the SOA minimum of the
 *       answer (RFC 2308 5), capped by {@link DnsSettings#maxNegativeTtl()}. Temporary failures are
 *       never cached: the next question asks again.</li>
 *   <li>Transport: UDP; an answer with the TC bit is asked again over TCP (RFC 7766 5).</li>
 *   <li>Names: absolute only, no search path, no hosts file: a message's domains must never be
 *       completed with the appliance's own domain or answered from its /etc/hosts.</li>
 *   <li>Concurrent identical questions (same name and type) are sent once; the others wait for
 *       that answer, so a burst of messages from one domain costs one query.</li>
 * </ul>
 *
 * <p>Lifecycle: create one per node at start-up and share it; it holds no threads or sockets of
 * its own between questions (dnsjava's shared I/O threads do the sending). Thread-safe.
 */
public final class DnsjavaLookup implements DnsLookup {
    private final Resolver resolver;
    private final Cache cache;
    private final ConcurrentMap<Question, CompletableFuture<Answer>> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    private DnsjavaLookup(Resolver resolver, Cache cache) {
        this.resolver = resolver;
        this.cache = cache;
    }

    /** A lookup with its own resolver configuration and cache, as configured by {@code settings}. */
    public static DnsjavaLookup create(DnsSettings settings) {
        ExtendedResolver extended;
        if (settings.servers().isEmpty()) {
            extended = new ExtendedResolver();
        } else {
            List<Resolver> upstream = new ArrayList<>();
            for (String server : settings.servers()) {
                SimpleResolver simple = new SimpleResolver(DnsSettings.parseServer(server));
                simple.setTimeout(settings.timeout());
                upstream.add(simple);
            }
            extended = new ExtendedResolver(upstream);
        }
        extended.setTimeout(settings.timeout());
        Cache cache = new Cache(DClass.IN);
        cache.setMaxEntries(settings.cacheMaxEntries());
        cache.setMaxCache((int) Math.min(Integer.MAX_VALUE, settings.maxCacheTtl().toSeconds()));
        cache.setMaxNCache((int) Math.min(Integer.MAX_VALUE, settings.maxNegativeTtl().toSeconds()));
        return new DnsjavaLookup(extended, cache);
    }

    @Override
    public DnsResult<String> txt(String name) {
        return ask(name, Type.TXT, record -> record instanceof TXTRecord txt ? joined(txt) : null);
    }

    @Override
    public DnsResult<InetAddress> a(String name) {
        return ask(name, Type.A, record -> record instanceof ARecord a ? a.getAddress() : null);
    }

    @Override
    public DnsResult<InetAddress> aaaa(String name) {
        return ask(name, Type.AAAA, record -> record instanceof AAAARecord aaaa ? aaaa.getAddress() : null);
    }

    @Override
    public DnsResult<MxHost> mx(String name) {
        DnsResult<MxHost> result = ask(name, Type.MX,
                record -> record instanceof MXRecord mx ? new MxHost(mx.getPriority(), text(mx.getTarget())) : null);
        if (result instanceof DnsResult.Records<MxHost> records) {
            List<MxHost> sorted = new ArrayList<>(records.values());
            sorted.sort(Comparator.comparingInt(MxHost::preference));
            return new DnsResult.Records<>(sorted);
        }
        return result;
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return ask(ReverseMap.fromAddress(address), Type.PTR,
                record -> record instanceof PTRRecord ptr ? text(ptr.getTarget()) : null);
    }

    @Override
    public DnsLookup withBudget(int maxQueries) {
        return new BudgetedLookup(this, maxQueries);
    }

    /** Cached RRsets, positive and negative: for tests and the node's metrics. */
    public int cacheSize() {
        return cache.getSize();
    }

    /** Forgets every cached answer (e.g. after the operator changed the resolvers' data). */
    public void clearCache() {
        cache.clearCache();
    }

    /** Callers now waiting for an identical question another caller has sent (for tests). */
    int waitingOnIdenticalQuestion() {
        return waiting.get();
    }

    private <T> DnsResult<T> ask(String name, int type, Function<Record, T> value) {
        Name absolute;
        try {
            absolute = absolute(name);
        } catch (TextParseException | IllegalArgumentException e) {
            // a name that cannot be written in DNS cannot exist there either
            return new DnsResult.NoSuchDomain<>();
        }
        return ask(absolute, type, value);
    }

    private <T> DnsResult<T> ask(Name name, int type, Function<Record, T> value) {
        Answer answer = answer(new Question(name, type));
        return switch (answer.result()) {
            case Lookup.SUCCESSFUL -> {
                List<T> values = new ArrayList<>();
                for (Record record : answer.records()) {
                    T v = value.apply(record);
                    if (v != null) {
                        values.add(v);
                    }
                }
                yield values.isEmpty() ? new DnsResult.NoRecords<>() : new DnsResult.Records<>(values);
            }
            case Lookup.TYPE_NOT_FOUND -> new DnsResult.NoRecords<>();
            case Lookup.HOST_NOT_FOUND -> new DnsResult.NoSuchDomain<>();
            // TRY_AGAIN (timeout, SERVFAIL, REFUSED, network) and UNRECOVERABLE (a CNAME loop, a
            // broken answer): both may heal, and a permanent verdict on them would lose mail
            default -> new DnsResult.TemporaryFailure<>(
                    Type.string(type) + " lookup of " + text(name) + ": " + answer.error());
        };
    }

    private Answer answer(Question question) {
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> running = inFlight.putIfAbsent(question, mine);
        if (running != null) {
            waiting.incrementAndGet();
            try {
                return running.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(Lookup.TRY_AGAIN, new Record[0], "interrupted");
            } catch (ExecutionException e) {
                return new Answer(Lookup.TRY_AGAIN, new Record[0], String.valueOf(e.getCause()));
            } finally {
                waiting.decrementAndGet();
            }
        }
        try {
            Answer answer = run(question);
            mine.complete(answer);
            return answer;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(question, mine);
        }
    }

    private Answer run(Question question) {
        DnsFlightEvent flight = new DnsFlightEvent();
        flight.begin();
        Lookup lookup = new Lookup(question.name(), question.type(), DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        lookup.setSearchPath((Name[]) null);
        lookup.setHostsFileParser(null);
        Record[] records = lookup.run();
        String error = lookup.getResult() == Lookup.SUCCESSFUL ? "" : lookup.getErrorString();
        if (flight.shouldCommit()) {
            flight.type = Type.string(question.type());
            flight.result = lookup.getResult() == Lookup.SUCCESSFUL ? "ok" : error;
            flight.commit();
        }
        return new Answer(lookup.getResult(), records == null ? new Record[0] : records, error);
    }

    static Name absolute(String name) throws TextParseException {
        String s = name.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            return Name.root;
        }
        // IDN.toASCII rejects empty labels and labels over 63 octets with IllegalArgumentException
        String ascii = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED);
        return Name.fromString(ascii + ".");
    }

    private static String text(Name name) {
        if (name.equals(Name.root)) {
            return "";
        }
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    private static String joined(TXTRecord txt) {
        StringBuilder joined = new StringBuilder();
        for (byte[] part : txt.getStringsAsByteArrays()) {
            joined.append(new String(part, StandardCharsets.UTF_8));
        }
        return joined.toString();
    }

    /** Question identity for de-duplication; {@link Name#equals} ignores case. */
    private record Question(Name name, int type) {
    }

    private record Answer(int result, Record[] records, String error) {
    }
}
