package io.bulwark.scan.antiphishing;

import io.bulwark.scan.antiphishing.links.WebAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A phishing or malware feed read from a local file, as public feeds publish them: one address
 * or domain per line (OpenPhish's {@code feed.txt}, URLhaus's {@code text} and {@code hostfile}
 * downloads), or URLhaus's CSV ({@code "id","dateadded","url",...}; the third field is taken).
 * Lines starting with {@code #} are comments. A line with a scheme is an address; a line without
 * one is a domain, which also matches every host below it.
 *
 * <p>Lookups are hash-set probes: one for the address (normalised: scheme and host lower case,
 * fragment dropped, a lone trailing slash ignored) and one per label of the host, so their cost
 * does not grow with the feed (measured with a million entries in the JMH benchmark and in
 * {@code UrlFeedTest}). The file is read again when its modification time or size changes, looked
 * at no more often than every {@code recheck}; a file that cannot be read keeps the last good
 * entries. Hits are counted per feed and per entry.
 *
 * <p>Thread-safe: the entries are an immutable snapshot swapped atomically.
 */
public final class UrlFeed {
    private record Snapshot(Set<String> addresses, Set<String> domains, FileTime modified, long size) {
    }

    private final String name;
    private final Path file;
    private final Duration recheck;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Set.of(), Set.of(), null, -1);
    private volatile Instant checkedAt = Instant.MIN;
    private final LongAdder hits = new LongAdder();
    private final Map<String, LongAdder> entryHits = new ConcurrentHashMap<>();
    private final AtomicLong loads = new AtomicLong();

    /**
     * @param name    shown in reasons ("openphish", "urlhaus")
     * @param file    the feed file; it may appear later
     * @param recheck how often the file's modification time is looked at
     */
    public UrlFeed(String name, Path file, Duration recheck, Clock clock) {
        this.name = name;
        this.file = file;
        this.recheck = recheck;
        this.clock = clock;
        reloadIfChanged();
    }

    public UrlFeed(String name, Path file) {
        this(name, file, Duration.ofSeconds(10), Clock.systemUTC());
    }

    public String name() {
        return name;
    }

    /** The entry that lists the address (the address itself or a domain above its host), if any. */
    public Optional<String> match(WebAddress address) {
        Instant now = clock.instant();
        if (now.isAfter(checkedAt.plus(recheck))) {
            reloadIfChanged();
        }
        Snapshot s = snapshot;
        String entry = null;
        if (!s.addresses().isEmpty()) {
            String key = key(address);
            if (s.addresses().contains(key)) {
                entry = key;
            }
        }
        if (entry == null && !s.domains().isEmpty()) {
            String host = address.host();
            while (entry == null) {
                if (s.domains().contains(host)) {
                    entry = host;
                }
                int dot = host.indexOf('.');
                if (dot < 0) {
                    break;
                }
                host = host.substring(dot + 1);
            }
        }
        if (entry == null) {
            return Optional.empty();
        }
        hits.increment();
        entryHits.computeIfAbsent(entry, k -> new LongAdder()).increment();
        return Optional.of(entry);
    }

    /** Hits since start. */
    public long hits() {
        return hits.sum();
    }

    /** Hits of one entry (as {@link #match} returned it). */
    public long hits(String entry) {
        LongAdder a = entryHits.get(entry);
        return a == null ? 0 : a.sum();
    }

    /** Number of entries (addresses and domains). */
    public int size() {
        Snapshot s = snapshot;
        return s.addresses().size() + s.domains().size();
    }

    /** How many times the file was read. */
    public long loads() {
        return loads.get();
    }

    /** Reads the file again if it changed; safe to call from any thread. */
    public synchronized void reloadIfChanged() {
        checkedAt = clock.instant();
        try {
            if (!Files.isRegularFile(file)) {
                return;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Snapshot old = snapshot;
            if (modified.equals(old.modified()) && size == old.size()) {
                return;
            }
            Set<String> addresses = new HashSet<>();
            Set<String> domains = new HashSet<>();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    addLine(line, addresses, domains);
                }
            }
            snapshot = new Snapshot(Set.copyOf(addresses), Set.copyOf(domains), modified, size);
            loads.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            // keep the last good entries; the next recheck tries again
        }
    }

    private static void addLine(String line, Set<String> addresses, Set<String> domains) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return;
        }
        if (s.startsWith("\"")) {
            String[] fields = s.split("\",\"");
            if (fields.length < 3) {
                return;
            }
            s = fields[2].replace("\"", "");
        } else if (s.startsWith("0.0.0.0 ") || s.startsWith("127.0.0.1 ")) {
            s = s.substring(s.indexOf(' ') + 1).strip(); // hosts-file format
        }
        if (s.contains("://")) {
            WebAddress.parse(s).filter(WebAddress::web).ifPresent(a -> addresses.add(key(a)));
        } else {
            WebAddress.parse("http://" + s).filter(WebAddress::web).ifPresent(a -> domains.add(a.host()));
        }
    }

    /** The normalised form under which addresses are stored and looked up. */
    static String key(WebAddress a) {
        String scheme = a.scheme().isEmpty() ? "http" : a.scheme();
        String path = a.path().equals("/") ? "" : a.path();
        return scheme + "://" + a.host() + path + (a.query().isEmpty() ? "" : "?" + a.query());
    }

    @Override
    public String toString() {
        return name + " (" + file + ")";
    }

    /** The feed's name in lower case. */
    String label() {
        return name.toLowerCase(Locale.ROOT);
    }
}
