package io.bulwark.bench;

import io.bulwark.bench.jmh.RulesBenchmark;
import io.bulwark.bench.jmh.ScanBenchmark;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.antivirus.eicar.EicarCheck;
import io.bulwark.scan.antivirus.exclusions.AttachmentCatalogCheck;
import io.bulwark.scan.antivirus.heuristics.HeuristicsCheck;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.StreamingArchiveWalker;
import io.bulwark.scan.contentfilter.ContentFilterCheck;
import io.bulwark.scan.filetype.FileTypeDetector;
import io.bulwark.scan.inventory.MessageInventory;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time and allocation per message of what types and walks a message (the EICAR check, the
 * heuristics, content filtering, the attachment catalog, the scan event's inventory), each
 * message parsed anew so that no part starts with a kept type (docs/benchmarks.md, "File types and
 * archives"). Thread CPU time, so that a shared machine's load moves it little.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.bulwark.bench.FileTypeCpu [generated|DIR] [rounds] [uncached]</pre>
 *
 * With {@code uncached}, the node's detector is swapped for {@link FileTypeDetector#uncached()}
 * (through reflection: a bench-only switch, the gateway has none), so every content is new to it:
 * the worst case for ADR 0041's cache. Prints the median over the rounds after the first, per
 * check, and Tika's magic passes; first checks that the results of every message are the same
 * cached and uncached.
 */
public final class FileTypeCpu {
    private FileTypeCpu() {
    }

    public static void main(String[] args) throws Exception {
        String corpus = args.length > 0 ? args[0] : "generated";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean uncached = args.length > 2 && args[2].equals("uncached");
        List<byte[]> raw = RulesBenchmark.sample(corpus);
        List<Check> checks = List.of(new EicarCheck(), new HeuristicsCheck(), new ContentFilterCheck(),
                new AttachmentCatalogCheck());
        FileTypeDetector node = FileTypeDetector.shared();
        List<String> cached = results(raw, checks);
        swapDetector(FileTypeDetector.uncached());
        if (!cached.equals(results(raw, checks))) {
            throw new IllegalStateException("kept and fresh types gave other results for a message");
        }
        FileTypeDetector measured = uncached ? FileTypeDetector.uncached() : node;
        swapDetector(measured);
        ArchiveWalker walker = new StreamingArchiveWalker(); // takes the node's detector when made
        long passes = measured.magicPasses();
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        Map<String, Double> kb = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            Map<String, long[]> sum = new LinkedHashMap<>();
            for (byte[] message : raw) {
                MessageView view = new MessageViewParser().parse(message);
                CheckContext context = context(view, walker);
                for (Check check : checks) {
                    long c = mx.getCurrentThreadCpuTime();
                    long a = mx.getCurrentThreadAllocatedBytes();
                    check.run(context);
                    add(sum, check.name(), mx.getCurrentThreadCpuTime() - c, mx.getCurrentThreadAllocatedBytes() - a);
                }
                long c = mx.getCurrentThreadCpuTime();
                long a = mx.getCurrentThreadAllocatedBytes();
                MessageInventory.of(view);
                add(sum, "inventory", mx.getCurrentThreadCpuTime() - c, mx.getCurrentThreadAllocatedBytes() - a);
            }
            for (Map.Entry<String, long[]> e : sum.entrySet()) {
                cpu.computeIfAbsent(e.getKey(), k -> new double[rounds])[r] = e.getValue()[0] / 1e3 / raw.size();
                kb.put(e.getKey(), e.getValue()[1] / 1024.0 / raw.size());
            }
        }
        System.out.printf("%s, %d messages, %s detector; per message, median of rounds 2-%d [min-max]:%n", corpus,
                raw.size(), uncached ? "uncached" : "the node's", rounds);
        double total = 0;
        for (Map.Entry<String, double[]> e : cpu.entrySet()) {
            double[] later = Arrays.copyOfRange(e.getValue(), Math.min(1, rounds - 1), rounds);
            Arrays.sort(later);
            total += later[later.length / 2];
            System.out.printf("  %-16s %8.1f [%.1f-%.1f] us CPU  %8.1f KB%n", e.getKey(), later[later.length / 2],
                    later[0], later[later.length - 1], kb.get(e.getKey()));
        }
        System.out.printf("  %-16s %8.1f us CPU%n", "sum", total);
        System.out.printf("Tika magic passes per message: %.2f%n",
                (measured.magicPasses() - passes) / (double) (rounds * raw.size()));
    }

    private static List<String> results(List<byte[]> raw, List<Check> checks) throws Exception {
        ArchiveWalker walker = new StreamingArchiveWalker();
        List<String> out = new ArrayList<>();
        for (byte[] message : raw) {
            MessageView view = new MessageViewParser().parse(message);
            StringBuilder line = new StringBuilder();
            for (Check check : checks) {
                CheckResult result = check.run(context(view, walker));
                line.append(check.name()).append('=').append(result).append(';');
            }
            out.add(line.append(MessageInventory.of(view)).toString());
        }
        return out;
    }

    private static CheckContext context(MessageView view, ArchiveWalker walker) {
        return new CheckContext() {
            @Override
            public MessageView message() {
                return view;
            }

            @Override
            public Envelope envelope() {
                return ScanBenchmark.ENVELOPE;
            }

            @Override
            public CheckResult result(String check) {
                throw new IllegalArgumentException("no dependencies here: " + check);
            }

            @Override
            public <T> T service(Class<T> type) {
                return type.cast(walker);
            }

            @Override
            public <T> Optional<T> find(Class<T> type) {
                return type.isInstance(walker) ? Optional.of(type.cast(walker)) : Optional.empty();
            }
        };
    }

    /** Bench only: makes {@code detector} the one {@link FileTypeDetector#shared()} returns. */
    private static void swapDetector(FileTypeDetector detector) throws ReflectiveOperationException {
        Field shared = FileTypeDetector.class.getDeclaredField("shared");
        shared.setAccessible(true);
        shared.set(null, detector);
    }

    private static void add(Map<String, long[]> sum, String key, long cpu, long bytes) {
        long[] s = sum.computeIfAbsent(key, k -> new long[2]);
        s[0] += cpu;
        s[1] += bytes;
    }
}
