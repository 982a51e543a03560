package io.bulwark.bench;

import io.bulwark.scan.antivirus.signatures.LoadReport;
import io.bulwark.scan.antivirus.signatures.SignatureDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generated, deterministic data for the anti-virus engine benchmarks (docs/antivirus.md,
 * "Measurements"), in ClamAV's formats so that clamd loads the very same database:
 * <ul>
 *   <li>{@code db/bench.ndb}: {@code patterns} body signatures, each two random fixed runs (6-12
 *       and 4-10 bytes) joined by nothing, {@code ??}, {@code {n-m}} or {@code *}, target any;</li>
 *   <li>{@code db/bench.hdb}: as many MD5 hash signatures, plus EICAR's;</li>
 *   <li>{@code files/}: {@code files} objects of 1 MiB, half random bytes, half text-like, none
 *       matching (the engines' worst case: everything read, nothing stops early).</li>
 * </ul>
 *
 * <p>{@code main}: {@code generate DIR [patterns] [files]} writes the data;
 * {@code measure DIR} loads it with the built-in engine and prints load time, retained heap and
 * a single-threaded MB/s over {@code DIR/files} (the JMH benchmark gives the careful number).
 */
public final class SignatureBenchData {
    /** Size of each generated object. */
    public static final int FILE_SIZE = 1 << 20;

    private SignatureBenchData() {
    }

    /** Writes the database and the files under {@code dir}. */
    public static void generate(Path dir, int patterns, int files) throws IOException {
        Random random = new Random(42);
        Path db = Files.createDirectories(dir.resolve("db"));
        HexFormat hex = HexFormat.of();
        try (Writer ndb = Files.newBufferedWriter(db.resolve("bench.ndb"), StandardCharsets.US_ASCII)) {
            for (int i = 0; i < patterns; i++) {
                String joint = switch (i % 4) {
                    case 0 -> "";
                    case 1 -> "??";
                    case 2 -> "{2-8}";
                    default -> "*";
                };
                ndb.write("Bench.Body-" + i + ":0:*:" + hex.formatHex(bytes(random, 6 + random.nextInt(7))) + joint
                        + hex.formatHex(bytes(random, 4 + random.nextInt(7))) + "\n");
            }
        }
        try (Writer hdb = Files.newBufferedWriter(db.resolve("bench.hdb"), StandardCharsets.US_ASCII)) {
            hdb.write("44d88612fea8a8f36de82e1278abb02f:68:Bench.EICAR-1\n");
            for (int i = 0; i < patterns; i++) {
                hdb.write(hex.formatHex(bytes(random, 16)) + ":" + (1000 + random.nextInt(100000)) + ":Bench.Hash-" + i
                        + "\n");
            }
        }
        Path out = Files.createDirectories(dir.resolve("files"));
        for (int f = 0; f < files; f++) {
            Files.write(out.resolve(String.format("object-%03d.bin", f)), object(random, f % 2 == 0));
        }
    }

    /** One 1 MiB object: random bytes, or words and line breaks like a document's text. */
    public static byte[] object(Random random, boolean binary) {
        byte[] b = new byte[FILE_SIZE];
        if (binary) {
            random.nextBytes(b);
            return b;
        }
        String[] words = {"invoice", "the", "payment", "of", "order", "shipping", "dear", "customer", "please",
            "find", "attached", "regards", "account", "2026", "total", "EUR", "delivery"};
        int i = 0;
        while (i < b.length) {
            byte[] w = (words[random.nextInt(words.length)] + (random.nextInt(12) == 0 ? "\r\n" : " "))
                    .getBytes(StandardCharsets.US_ASCII);
            int n = Math.min(w.length, b.length - i);
            System.arraycopy(w, 0, b, i, n);
            i += n;
        }
        return b;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("generate")) {
            int patterns = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
            int files = args.length > 3 ? Integer.parseInt(args[3]) : 32;
            generate(Path.of(args[1]), patterns, files);
            return;
        }
        if (args.length == 2 && args[0].equals("measure")) {
            Path dir = Path.of(args[1]);
            SignatureDatabase.Matcher matcher = SignatureDatabase.Matcher.valueOf(
                    System.getProperty("matcher", "Q_GRAM"));
            long before = usedHeap();
            long started = System.nanoTime();
            SignatureDatabase db = SignatureDatabase.load(dir.resolve("db"), matcher);
            long loadMs = (System.nanoTime() - started) / 1_000_000;
            long heap = usedHeap() - before;
            LoadReport r = db.report();
            System.out.printf("matcher %s: load %d ms, %d hash + %d body signatures, matcher size %d, %d skipped,"
                    + " retained heap %.1f MB%n", matcher, loadMs, r.hashSignatures(), r.bodySignatures(), r.automatonStates(),
                    r.skippedLines(), heap / 1e6);
            {
                List<Path> files;
                try (var list = Files.list(dir.resolve("files"))) {
                    files = list.sorted().toList();
                }
                long bytes = 0;
                for (int round = 0; round < 2; round++) { // the first round warms the JIT
                    bytes = 0;
                    started = System.nanoTime();
                    int found = 0;
                    for (Path f : files) {
                        byte[] content = Files.readAllBytes(f);
                        found += db.scan(new ByteArrayInputStream(content), 25 << 20).size();
                        bytes += content.length;
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf("scan round %d: %d files, %.1f MB in %.2f s = %.1f MB/s, %d detections%n",
                            round + 1, files.size(), bytes / 1e6, seconds, bytes / 1e6 / seconds, found);
                }
            }
            return;
        }
        System.err.println("usage: SignatureBenchData generate DIR [patterns] [files] | measure DIR");
        System.exit(2);
    }
}
