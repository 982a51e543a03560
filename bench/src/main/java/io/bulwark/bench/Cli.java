package io.bulwark.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Minimal {@code --key value} / {@code --flag} parser shared by the command-line tools, plus the
 * unit parsing they need ({@code 30s}, {@code 10m}, {@code 20k}, {@code 10MB}). A dependency-free
 * parser keeps the benchmark jar small and its start-up cheap.
 */
public final class Cli {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Cli() {
    }

    /**
     * Parses {@code args}; a key followed by another {@code --key} (or nothing) is a flag with
     * value {@code "true"}. Keys may repeat; {@link #all(String)} returns every value.
     */
    public static Cli parse(String[] args) {
        Cli cli = new Cli();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String key = a.substring(2);
            String value = "true";
            int eq = key.indexOf('=');
            if (eq > 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            }
            cli.values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return cli;
    }

    /** True when the option was given at all. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Last value of {@code key}, or {@code def} when absent. */
    public String get(String key, String def) {
        List<String> v = values.get(key);
        return v == null ? def : v.get(v.size() - 1);
    }

    /** Last value of {@code key}; fails with a usage message when absent. */
    public String require(String key) {
        String v = get(key, null);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }

    /** Every value given for a repeatable option, in order. */
    public List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** Integer option. */
    public int getInt(String key, int def) {
        return has(key) ? Integer.parseInt(get(key, null)) : def;
    }

    /** Duration option such as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
    public Duration getDuration(String key, Duration def) {
        return has(key) ? duration(get(key, null)) : def;
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number means seconds. */
    public static Duration duration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        char unit = t.charAt(t.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        }
        double n = Double.parseDouble(t.substring(0, t.length() - 1));
        long ms = switch (unit) {
            case 's' -> Math.round(n * 1000);
            case 'm' -> Math.round(n * 60_000);
            case 'h' -> Math.round(n * 3_600_000);
            default -> throw new IllegalArgumentException("bad duration: " + s);
        };
        return Duration.ofMillis(ms);
    }

    /** Parses {@code 512}, {@code 20k}, {@code 20KB}, {@code 1m}, {@code 10MB} (binary units). */
    public static long size(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        long mult = 1;
        char unit = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (unit) {
            case 'k' -> mult = 1024;
            case 'm' -> mult = 1024 * 1024;
            case 'g' -> mult = 1024L * 1024 * 1024;
            default -> {
                return Long.parseLong(t);
            }
        }
        return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * mult);
    }

    /** Human label for a byte count, as used in file and series names ({@code 20k}, {@code 10m}). */
    public static String sizeLabel(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "m";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + "k";
        }
        return Long.toString(bytes);
    }

    /**
     * Refuses any target that is not a loopback address: the load tools must never be pointed at
     * somebody else's server, by mistake or otherwise.
     */
    public static InetAddress loopback(String host) {
        try {
            InetAddress a = InetAddress.getByName(host);
            if (!a.isLoopbackAddress()) {
                throw new IllegalArgumentException("refusing non-loopback target " + host);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }
}
