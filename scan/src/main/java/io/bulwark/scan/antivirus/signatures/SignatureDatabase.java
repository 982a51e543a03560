package io.bulwark.scan.antivirus.signatures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One loaded set of ClamAV-format signatures: hash signatures in one map per digest algorithm and
 * body signatures behind one {@link AnchorMatcher} over their anchors. Built by
 * {@link #load(Path)} from a directory, then never changed: a reload builds a new one and swaps
 * the reference ({@link SignatureEngine}), so a scan in progress keeps the one it began
 * with.
 *
 * <p>Files read (see docs/antivirus.md, "Database formats"):
 * <ul>
 * <li>{@code .hdb}, {@code .hsb}: {@code hash:size:name[:flevel]}, the hash an MD5, SHA-1 or
 *     SHA-256 by its length, the size a number or {@code *} (any size);</li>
 * <li>{@code .ndb}: body signatures, {@link BodySignature};</li>
 * <li>{@code .fp}, {@code .sfp}: the same hash format, as an allow-list: a file with such a hash
 *     is never reported;</li>
 * <li>{@code .ign2} (one name a line) and {@code .ign} (the name is the last field): signatures
 *     to drop;</li>
 * <li>{@code .cvd}, {@code .cld}: containers of the above ({@link CvdContainer}, MD5 and, in a
 *     {@code .cvd}, ClamAV's digital signature checked); when both exist
 *     for one database, the one with the higher version is read, as ClamAV does.</li>
 * </ul>
 * Other kinds ({@code .ldb}, {@code .mdb}, {@code .cdb}, ...) are listed as not read. A malformed
 * or unsupported line is skipped and counted; loading never fails because of a line.
 *
 * <p>Immutable and thread-safe.
 */
public final class SignatureDatabase {
    /** How many skipped lines the report names one by one. */
    static final int REPORTED_SKIPS = 100;
    private static final Set<String> CONTAINER_NOISE = Set.of("info", "cfg", "");

    private final Map<HashAlgorithm, Map<String, List<HashSignature>>> hashes;
    private final Map<HashAlgorithm, Set<String>> allowed;
    private final List<BodySignature> bodies;
    private final AnchorMatcher automaton;
    private final LoadReport report;

    private SignatureDatabase(Map<HashAlgorithm, Map<String, List<HashSignature>>> hashes,
            Map<HashAlgorithm, Set<String>> allowed, List<BodySignature> bodies, Matcher matcher, LoadReport report) {
        this.hashes = hashes;
        this.allowed = allowed;
        this.bodies = bodies;
        List<byte[]> anchors = bodies.stream().map(BodySignature::anchor).toList();
        this.automaton = bodies.isEmpty() ? null
                : matcher == Matcher.AHO_CORASICK ? AnchorMatcher.ahoCorasick(anchors) : new QGramIndex(anchors);
        this.report = report;
    }

    /**
     * How the anchors of the body signatures are found; both give the same detections, they differ
     * in speed (docs/antivirus.md, "Measurements").
     */
    public enum Matcher {
        /** A bitmap of the anchors' leading 3-grams, then a full comparison ({@link QGramIndex}); the default. */
        Q_GRAM,
        /** A classic Aho-Corasick automaton over the whole anchors ({@link io.bulwark.scan.match.AhoCorasick}). */
        AHO_CORASICK
    }

    /** The digests hash signatures use, told apart by their length. */
    enum HashAlgorithm {
        MD5("MD5", 32), SHA1("SHA-1", 40), SHA256("SHA-256", 64);

        private final String jca;
        private final int hexLength;

        HashAlgorithm(String jca, int hexLength) {
            this.jca = jca;
            this.hexLength = hexLength;
        }

        MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance(jca);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        static HashAlgorithm ofHexLength(int length) {
            for (HashAlgorithm a : values()) {
                if (a.hexLength == length) {
                    return a;
                }
            }
            return null;
        }
    }

    private record HashSignature(long size, String name) {
    }

    /** An empty database (no directory configured yet, or nothing loadable in it). */
    public static SignatureDatabase empty() {
        return new SignatureDatabase(Map.of(), Map.of(), List.of(), Matcher.Q_GRAM,
                new LoadReport(Map.of(), 0, 0, 0, List.of(), List.of(), List.of(), Map.of(), 0, Duration.ZERO));
    }

    /** What loading found. */
    public LoadReport report() {
        return report;
    }

    /** Whether there is nothing to look for. */
    public boolean isEmpty() {
        return hashes.isEmpty() && bodies.isEmpty();
    }

    /** The digest algorithms whose hash signatures are loaded (a leaf is hashed once per each). */
    Set<HashAlgorithm> hashAlgorithms() {
        Set<HashAlgorithm> all = new HashSet<>(hashes.keySet());
        all.addAll(allowed.keySet());
        return all;
    }

    boolean hasBodySignatures() {
        return automaton != null;
    }

    /**
     * The names of the signatures that match an object: its digests (hex, lower case, per algorithm
     * of {@link #hashAlgorithms()}), its size, and its first {@code length} bytes for the body
     * signatures. An object on the allow-list matches nothing.
     */
    Set<String> match(Map<HashAlgorithm, String> digests, long size, byte[] data, int length) {
        for (var d : digests.entrySet()) {
            if (allowed.getOrDefault(d.getKey(), Set.of()).contains(d.getValue() + ":" + size)
                    || allowed.getOrDefault(d.getKey(), Set.of()).contains(d.getValue() + ":*")) {
                return Set.of();
            }
        }
        Set<String> found = new LinkedHashSet<>();
        for (var d : digests.entrySet()) {
            for (HashSignature s : hashes.getOrDefault(d.getKey(), Map.of()).getOrDefault(d.getValue(), List.of())) {
                if (s.size < 0 || s.size == size) {
                    found.add(s.name);
                }
            }
        }
        if (automaton != null) {
            int head = Math.min(length, TargetType.headLength());
            automaton.search(data, length, (pattern, start) -> {
                BodySignature b = bodies.get(pattern);
                if (!found.contains(b.name()) && b.target().matches(data, head) && b.matchesAt(data, length, start)) {
                    found.add(b.name());
                }
                return !Thread.currentThread().isInterrupted();
            });
        }
        return found;
    }

    /**
     * Loads every database file in {@code dir} (not its subdirectories). A missing directory gives
     * an empty database with the error in its report.
     */
    public static SignatureDatabase load(Path dir) {
        return load(dir, Matcher.Q_GRAM);
    }

    /** {@link #load(Path)} with a chosen anchor matcher (benchmarks, tests). */
    public static SignatureDatabase load(Path dir, Matcher matcher) {
        return load(dir, matcher, CvdSignature.CLAMAV);
    }

    /**
     * {@link #load(Path)} with a chosen anchor matcher, and {@code .cvd} signatures checked against
     * ClamAV's key or not at all (containers an administrator builds and signs with no key).
     */
    public static SignatureDatabase load(Path dir, Matcher matcher, boolean verifyContainerSignatures) {
        return load(dir, matcher, verifyContainerSignatures ? CvdSignature.CLAMAV : null);
    }

    /**
     * {@link #load(Path)} with a chosen anchor matcher, {@code .cvd} signatures checked against
     * {@code key} (ClamAV's, or an operator's own mirror's), or only their MD5s when it is null.
     */
    public static SignatureDatabase load(Path dir, Matcher matcher, CvdSignature key) {
        long started = System.nanoTime();
        Loader loader = new Loader();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            loader.errors.add(dir + ": " + e.getMessage());
            files = List.of();
        }
        Map<String, Path> containers = new TreeMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String ext = extension(name);
            if (ext.equals("cvd") || ext.equals("cld")) {
                String base = name.substring(0, name.length() - 4);
                Path other = containers.get(base);
                containers.put(base, other == null ? file : newer(other, file, loader));
            } else if (!name.startsWith(".")) {
                try {
                    loader.file(name, Files.readAllBytes(file));
                } catch (IOException e) {
                    loader.errors.add(name + ": " + e.getMessage());
                }
            }
        }
        for (Path file : containers.values()) {
            String name = file.getFileName().toString();
            try {
                CvdContainer cvd = CvdContainer.read(file, key);
                loader.containers.put(name, cvd.info());
                for (var member : cvd.members().entrySet()) {
                    loader.file(name + "!" + member.getKey(), member.getValue());
                }
            } catch (IOException | RuntimeException e) {
                loader.errors.add(name + ": " + e.getMessage());
            }
        }
        return loader.build(Duration.ofNanos(System.nanoTime() - started), matcher);
    }

    private static Path newer(Path a, Path b, Loader loader) {
        try {
            return CvdContainer.version(b) > CvdContainer.version(a) ? b : a;
        } catch (IOException e) {
            loader.errors.add(e.getMessage());
            return a;
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Collects signatures from files; not thread-safe. */
    private static final class Loader {
        final Map<HashAlgorithm, Map<String, List<HashSignature>>> hashes = new EnumMap<>(HashAlgorithm.class);
        final Map<HashAlgorithm, Set<String>> allowed = new EnumMap<>(HashAlgorithm.class);
        final List<BodySignature> bodies = new ArrayList<>();
        final Set<String> ignored = new HashSet<>();
        final Map<String, Integer> files = new LinkedHashMap<>();
        final List<String> skipped = new ArrayList<>();
        final List<String> unsupported = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final Map<String, ContainerInfo> containers = new LinkedHashMap<>();
        int skippedLines;
        int hashCount;

        void file(String name, byte[] content) {
            String ext = extension(name);
            switch (ext) {
                case "hdb", "hsb", "fp", "sfp", "ndb", "ign", "ign2" -> {
                    int count = 0;
                    String[] lines = new String(content, StandardCharsets.ISO_8859_1).split("\r?\n");
                    for (int i = 0; i < lines.length; i++) {
                        String line = lines[i].strip();
                        if (line.isEmpty() || line.startsWith("#")) {
                            continue;
                        }
                        try {
                            count += line(ext, line);
                        } catch (BodySignature.Unsupported e) {
                            skippedLines++;
                            if (skipped.size() < REPORTED_SKIPS) {
                                skipped.add(name + ":" + (i + 1) + ": " + e.getMessage());
                            }
                        }
                    }
                    files.put(name, count);
                }
                default -> {
                    if (!CONTAINER_NOISE.contains(ext) && !name.endsWith("COPYING")) {
                        unsupported.add(name);
                    }
                }
            }
        }

        private int line(String ext, String line) throws BodySignature.Unsupported {
            switch (ext) {
                case "ndb" -> {
                    bodies.add(BodySignature.parse(line));
                    return 1;
                }
                case "ign", "ign2" -> {
                    String[] f = line.split(":");
                    ignored.add(f[ext.equals("ign") ? f.length - 1 : 0].strip());
                    return 0;
                }
                default -> {
                    String[] f = line.split(":", -1);
                    if (f.length < 3 || f.length > 4) {
                        throw new BodySignature.Unsupported("a hash signature has 3 or 4 fields");
                    }
                    String hash = f[0].strip().toLowerCase(Locale.ROOT);
                    HashAlgorithm algorithm = HashAlgorithm.ofHexLength(hash.length());
                    if (algorithm == null || !hash.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                        throw new BodySignature.Unsupported("not an MD5, SHA-1 or SHA-256 hash: " + f[0]);
                    }
                    long size;
                    String sizeField = f[1].strip();
                    try {
                        size = sizeField.equals("*") ? -1 : Long.parseLong(sizeField);
                    } catch (NumberFormatException e) {
                        throw new BodySignature.Unsupported("size is neither a number nor *: " + f[1]);
                    }
                    if (f[2].isBlank()) {
                        throw new BodySignature.Unsupported("no signature name");
                    }
                    if (ext.equals("fp") || ext.equals("sfp")) {
                        allowed.computeIfAbsent(algorithm, a -> new HashSet<>())
                                .add(hash + ":" + (size < 0 ? "*" : Long.toString(size)));
                        return 0;
                    }
                    hashes.computeIfAbsent(algorithm, a -> new HashMap<>())
                            .computeIfAbsent(hash, h -> new ArrayList<>(1)).add(new HashSignature(size, f[2].strip()));
                    hashCount++;
                    return 1;
                }
            }
        }

        SignatureDatabase build(Duration elapsedSoFar, Matcher matcher) {
            long started = System.nanoTime();
            int hashTotal = hashCount;
            if (!ignored.isEmpty()) {
                bodies.removeIf(b -> ignored.contains(b.name()));
                for (var perAlgorithm : hashes.values()) {
                    for (var list : perAlgorithm.values()) {
                        int before = list.size();
                        list.removeIf(s -> ignored.contains(s.name()));
                        hashTotal -= before - list.size();
                    }
                    perAlgorithm.values().removeIf(List::isEmpty);
                }
                hashes.values().removeIf(Map::isEmpty);
            }
            SignatureDatabase partial = new SignatureDatabase(hashes, allowed, List.copyOf(bodies), matcher, null);
            Duration total = elapsedSoFar.plusNanos(System.nanoTime() - started);
            LoadReport report = new LoadReport(files, hashTotal, bodies.size(), skippedLines, skipped, unsupported,
                    errors, containers, partial.automaton == null ? 0 : partial.automaton.size(), total);
            return partial.withReport(report);
        }
    }

    private SignatureDatabase withReport(LoadReport loaded) {
        return new SignatureDatabase(hashes, allowed, bodies, automaton, loaded);
    }

    private SignatureDatabase(Map<HashAlgorithm, Map<String, List<HashSignature>>> hashes,
            Map<HashAlgorithm, Set<String>> allowed, List<BodySignature> bodies, AnchorMatcher automaton,
            LoadReport report) {
        this.hashes = hashes;
        this.allowed = allowed;
        this.bodies = bodies;
        this.automaton = automaton;
        this.report = report;
    }

    /**
     * The names of the signatures that match one object, read once from {@code in}: hashed with
     * every algorithm the hash signatures need, its first {@code maxBodyBytes} kept for the body
     * signatures. Thread-safe; the stream is read to its end but not closed.
     */
    public Set<String> scan(InputStream in, int maxBodyBytes) throws IOException {
        Set<HashAlgorithm> algorithms = hashAlgorithms();
        Map<HashAlgorithm, MessageDigest> digests = new EnumMap<>(HashAlgorithm.class);
        for (HashAlgorithm a : algorithms) {
            digests.put(a, a.newDigest());
        }
        byte[] body = new byte[automaton == null ? 0 : Math.min(maxBodyBytes, 64 * 1024)];
        int kept = 0;
        long size = 0;
        byte[] chunk = new byte[64 * 1024];
        int n;
        while ((n = in.read(chunk)) > 0) {
            for (MessageDigest d : digests.values()) {
                d.update(chunk, 0, n);
            }
            if (automaton != null && kept < maxBodyBytes) {
                int take = Math.min(n, maxBodyBytes - kept);
                if (kept + take > body.length) {
                    body = java.util.Arrays.copyOf(body, (int) Math.min(maxBodyBytes, Math.max((long) body.length * 2,
                            kept + take)));
                }
                System.arraycopy(chunk, 0, body, kept, take);
                kept += take;
            }
            size += n;
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("signature scan interrupted");
            }
        }
        Map<HashAlgorithm, String> hex = new EnumMap<>(HashAlgorithm.class);
        digests.forEach((a, d) -> hex.put(a, HexFormat.of().formatHex(d.digest())));
        return match(hex, size, body, kept);
    }
}
