package io.bulwark.bench;

import io.bulwark.bench.jmh.RulesBenchmark;
import io.bulwark.bench.jmh.ScanBenchmark;
import io.bulwark.bench.jmh.ScanCpuBenchmark;
import io.bulwark.gateway.scan.BuiltInChecks;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.pipeline.CheckPipeline;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time (not wall time) of the scan pipeline per message, by check and for the parse (issue 19,
 * sixth session): what {@code ScanCpuBenchmark} measures, counted as the process's CPU time so
 * that the checks' virtual threads are counted and the neighbours on a shared machine are not. The
 * configurations are run in turn, round after round, in one process (same JIT, same neighbours);
 * each runs over the sample {@code passes} times per round (the process's CPU clock ticks in
 * 10 ms steps on Linux, 20 µs per message of one pass over 500 messages).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.bulwark.bench.ScanCpu [generated|DIR] [rounds] [passes]</pre>
 *
 * Prints per configuration the median over the rounds [min-max] of µs of process CPU per message
 * and the allocated KB per message of the measuring thread plus the checks' threads (the JVM's
 * total, {@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}). The process's CPU
 * includes the compiler and the collector: the rounds before the medians warm both up.
 */
public final class ScanCpu {
    private ScanCpu() {
    }

    public static void main(String[] args) throws IOException {
        String corpus = args.length > 0 ? args[0] : "generated";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 4; // per configuration and round
        List<byte[]> raw = RulesBenchmark.sample(corpus);
        MessageViewParser parser = new MessageViewParser();
        MessageView[] parsed = ScanBenchmark.parsed(parser, raw.toArray(byte[][]::new));
        Map<String, CheckPipeline> pipelines = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(List.of("all"));
        BuiltInChecks.all().forEach(c -> names.add(c.name()));
        for (String name : names) {
            pipelines.put(name, ScanBenchmark.pipeline(ScanCpuBenchmark.selected(BuiltInChecks.all(), name)));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        Map<String, double[]> alloc = new LinkedHashMap<>();
        cpu.put("parse", new double[rounds]);
        alloc.put("parse", new double[rounds]);
        pipelines.keySet().forEach(n -> {
            cpu.put(n, new double[rounds]);
            alloc.put(n, new double[rounds]);
        });
        for (int r = -3; r < rounds; r++) { // three rounds of warm-up
            long c0 = os.getProcessCpuTime();
            long a0 = threads.getTotalThreadAllocatedBytes();
            int n = 0;
            for (int pass = 0; pass < passes; pass++) {
                for (byte[] message : raw) {
                    n += parser.parse(message).parts().size();
                }
            }
            record(r, "parse", os.getProcessCpuTime() - c0, threads.getTotalThreadAllocatedBytes() - a0 + (n < 0 ? 1 : 0),
                    raw.size() * passes, cpu, alloc);
            for (var e : pipelines.entrySet()) {
                c0 = os.getProcessCpuTime();
                a0 = threads.getTotalThreadAllocatedBytes();
                for (int pass = 0; pass < passes; pass++) {
                    for (MessageView view : parsed) {
                        e.getValue().scan(RulesBenchmark.unread(view), ScanBenchmark.ENVELOPE, ScanBenchmark.ALL_MODULES);
                    }
                }
                record(r, e.getKey(), os.getProcessCpuTime() - c0, threads.getTotalThreadAllocatedBytes() - a0,
                        raw.size() * passes, cpu, alloc);
            }
        }
        pipelines.values().forEach(CheckPipeline::close);
        System.out.printf("corpus %s, %d messages, %d rounds, load average %.1f%n", corpus, raw.size(), rounds,
                os.getSystemLoadAverage());
        double sum = 0;
        System.out.println("configuration, process CPU us/msg median [min-max], allocated KB/msg median");
        for (String name : cpu.keySet()) {
            double[] c = cpu.get(name);
            double[] a = alloc.get(name);
            Arrays.sort(c);
            Arrays.sort(a);
            if (!name.equals("all") && !name.equals("parse")) {
                sum += c[rounds / 2];
            }
            System.out.printf("  %-16s %9.1f [%.1f-%.1f] %9.1f%n", name, c[rounds / 2], c[0], c[rounds - 1],
                    a[rounds / 2]);
        }
        System.out.printf("sum of the checks alone: %.1f us/msg%n", sum);
    }

    private static void record(int round, String name, long cpuNs, long bytes, int messages,
            Map<String, double[]> cpu, Map<String, double[]> alloc) {
        if (round >= 0) {
            cpu.get(name)[round] = cpuNs / 1000.0 / messages;
            alloc.get(name)[round] = bytes / 1024.0 / messages;
        }
    }
}
